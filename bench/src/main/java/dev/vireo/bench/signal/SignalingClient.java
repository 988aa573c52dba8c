package dev.vireo.bench.signal;

import java.util.List;

/**
 * One load participant's signaling towards a server under test. {@link #join} connects, joins the room and, when the
 * participant publishes, negotiates its publish PeerConnection; {@link #subscribe} receives the given publishers
 * (servers that push their own subscribe offers, like Vireo, ignore it).
 */
public interface SignalingClient extends AutoCloseable {
    /** Blocks until joined and, for a publisher, until the server answered its offer. */
    void join(String room, String name) throws Exception;

    /** The server's id for this participant's published feed, or -1 when it has none or the server needs none. */
    long feedId();

    /** Receives the given feeds; blocks until the answer went out. */
    void subscribe(List<Long> feeds) throws Exception;

    /** Transports connected so far (publish and subscribe) and transports that failed. */
    int connectedTransports();

    int failedTransports();

    /** Sums over this client's transports: {SRTP rejected, send drops}. */
    long[] transportCounters();

    @Override
    void close();
}
