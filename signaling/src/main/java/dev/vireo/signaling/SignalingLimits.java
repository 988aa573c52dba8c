package dev.vireo.signaling;

import java.time.Duration;

/**
 * Per-connection limits, and how long a dropped connection's participant is kept for a resume.
 *
 * @param maxMessageBytes   larger text frames are dropped with a {@code too-large} error
 * @param messagesPerSecond sustained message rate per connection; beyond it messages are dropped ({@code rate-limited})
 * @param messageBurst      messages a connection may send at once before the rate applies
 * @param connectionLostTimeout how long a silent WebSocket (no pong to the library's pings) lives
 * @param resumeGrace       how long a participant whose WebSocket closed without {@code leave} stays in its room,
 *                          media and all, waiting for its client to resume; zero removes it at once
 */
public record SignalingLimits(int maxMessageBytes, int messagesPerSecond, int messageBurst,
                              Duration connectionLostTimeout, Duration resumeGrace) {
    /** The {@code resume-grace} default of {@code reference.conf}. */
    public static final Duration DEFAULT_RESUME_GRACE = Duration.ofSeconds(10);

    public SignalingLimits {
        if (maxMessageBytes < 1 || messagesPerSecond < 1 || messageBurst < 1) {
            throw new IllegalArgumentException("signaling limits must be positive");
        }
        if (connectionLostTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("connection lost timeout must be at least 1 s");
        }
        if (resumeGrace.isNegative()) {
            throw new IllegalArgumentException("resume grace must not be negative");
        }
    }

    /** Limits with the default resume grace. */
    public SignalingLimits(int maxMessageBytes, int messagesPerSecond, int messageBurst,
                           Duration connectionLostTimeout) {
        this(maxMessageBytes, messagesPerSecond, messageBurst, connectionLostTimeout, DEFAULT_RESUME_GRACE);
    }

    /**
     * The WebSocket library closes the connection (1009) beyond this size. It sits well above
     * {@link #maxMessageBytes} so that an oversized message gets an error reply and the connection stays up.
     */
    public int libraryFrameLimit() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1L << 20, 16L * maxMessageBytes));
    }
}
