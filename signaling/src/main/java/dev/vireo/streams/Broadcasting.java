package dev.vireo.streams;

import dev.vireo.auth.AdminKey;
import dev.vireo.auth.RoomAccess;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.StaticFiles;
import dev.vireo.signaling.MediaPlane;
import dev.vireo.signaling.SignalingServer;
import dev.vireo.signaling.messages.IceServer;
import dev.vireo.whip.WhipRoute;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Live broadcast wired into a server: the streams and their room rule, WHIP and WHEP, and the pages. The server adds
 * {@link #routes()} to its HTTP routes.
 */
public final class Broadcasting {
    private final Streams streams;
    private final WhipRoute whip;
    private final List<ApiRoute> routes;

    private Broadcasting(Streams streams, WhipRoute whip, List<ApiRoute> routes) {
        this.streams = streams;
        this.whip = whip;
        this.routes = routes;
    }

    /**
     * @param store      where streams are kept across restarts; those already in it are loaded now
     * @param iceServers the ICE servers clients should use, the same list signaling announces
     * @throws SQLException when the stored streams cannot be read
     */
    public static Broadcasting start(SignalingServer signaling, MediaPlane media, RoomAccess access,
                                     AdminKey adminKey, Supplier<List<IceServer>> iceServers, StaticFiles files,
                                     Clock clock, StreamStore store) throws SQLException {
        Streams.RoomState state = new Streams.RoomState() {
            @Override
            public boolean publishing(String room) {
                return !media.roomMedia(room).publishers().isEmpty();
            }

            @Override
            public long receivedBytes(String room) {
                return media.roomMedia(room).receivedBytes();
            }

            @Override
            public int viewers(String room) {
                return media.roomMedia(room).viewers() + signaling.hiddenParticipants(room);
            }
        };
        Streams streams = Streams.load(store, access.tokens(), clock, state);
        access.addRule(streams);
        WhipRoute whip = new WhipRoute(signaling, media, access, iceServers, streams::governs);
        streams.addCloser(whip::endRoom);
        streams.addCloser((room, reason) -> signaling.closeRoom(room, reason, null));
        return new Broadcasting(streams, whip, List.of(new StreamsRoute(streams, adminKey), whip,
                new PagesRoute(files)));
    }

    public Streams streams() {
        return streams;
    }

    public List<ApiRoute> routes() {
        return routes;
    }
}
