package dev.vireo.bench.server;

import dev.vireo.bench.media.Receiver;
import dev.vireo.bench.signal.ClientContext;
import dev.vireo.bench.signal.Publication;
import dev.vireo.bench.signal.SignalingClient;

/** An SFU process the benchmark starts, loads through its signaling, measures through /proc and stops. */
public interface ServerUnderTest extends AutoCloseable {
    /** "vireo" or "janus". */
    String name();

    /** Starts the process and waits until its signaling port accepts connections. */
    void start() throws Exception;

    long pid();

    /** The exact command line the process runs, for the results. */
    String command();

    /** Prepares a room for up to {@code publishers} publishers; returns the room name clients join. */
    String room(int step, int publishers) throws Exception;

    /** A new, not yet joined client. */
    SignalingClient client(ClientContext context, Publication publication, Receiver receiver);

    /** The GC log of a JVM server, or null. */
    GcLog gcLog();

    @Override
    void close();
}
