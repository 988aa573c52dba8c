package dev.vireo.sfu;

import java.io.IOException;

/** The media plane of one node: the shared media port and the rooms forwarding through it. */
public final class Sfu implements AutoCloseable {
    private final SfuConfig config;

    public Sfu(SfuConfig config) {
        this.config = config;
    }

    /** Binds the media port. */
    public void start() throws IOException {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /** The room with this id, made on first use; it goes away when its last participant leaves. */
    public Room room(String roomId) {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /** Rooms and participants now, for the health endpoint. */
    public SfuStats stats() {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /** Closes every participant (their listeners hear {@code onMediaClosed("server shutting down")}) and the port. */
    @Override
    public void close() {
    }
}
