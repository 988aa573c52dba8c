package dev.vireo.bench.signal;

import dev.vireo.bench.media.MediaSink;

import java.util.List;

/**
 * A load client's end of one PeerConnection: ICE (controlling) + DTLS + SRTP over one UDP socket on 127.0.0.1.
 * Received RTP arrives decrypted at the {@link dev.vireo.bench.media.Receiver} given to the factory.
 */
public interface LoadTransport extends MediaSink, AutoCloseable {
    LocalEndpoint local();

    /**
     * Starts ICE towards the server's candidates and then the DTLS handshake; returns at once.
     *
     * @param candidates "candidate:..." attribute values (the prefix may be missing)
     * @param fingerprint the server's "sha-256 AB:CD:..." fingerprint
     * @param dtlsClient true when this side is the DTLS client (the server answered or offered a=setup:passive/actpass)
     */
    void connect(String ufrag, String password, List<String> candidates, String fingerprint, boolean dtlsClient);

    boolean connected();

    /** Runs {@code action} once DTLS has completed (at once if it already has), on the transport's thread. */
    void whenConnected(Runnable action);

    boolean failed();

    /** Received SRTP/SRTCP packets that failed authentication or replay checks. */
    long srtpRejected();

    /** Packets this side could not send (not yet connected, socket buffer full). */
    long sendDrops();

    @Override
    void close();
}
