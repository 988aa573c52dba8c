package dev.vireo.streams;

import java.util.Locale;

/** Where a stream is in its life, as the streams API shows it. */
public enum StreamState {
    /** Created, nobody publishing now. */
    IDLE,
    /** A host publishes. */
    LIVE,
    /** Stopped with DELETE; its room refuses everyone. */
    ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
