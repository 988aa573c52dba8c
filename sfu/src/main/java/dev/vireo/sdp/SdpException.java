package dev.vireo.sdp;

/**
 * A session description that is malformed or that breaks the SFU's negotiation rules. The message names the line or
 * m-line at fault in words a client developer understands (e.g. "offer has no a=group:BUNDLE"), so signaling can send it
 * back unchanged.
 */
public final class SdpException extends Exception {
    public SdpException(String message) {
        super(message);
    }
}
