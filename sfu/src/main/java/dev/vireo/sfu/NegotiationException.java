package dev.vireo.sfu;

/** An offer, answer or candidate the SFU cannot accept; the message is fit to show to the client. */
public final class NegotiationException extends Exception {
    public NegotiationException(String message) {
        super(message);
    }

    public NegotiationException(String message, Throwable cause) {
        super(message, cause);
    }
}
