package dev.vireo.stun;

/** A datagram that is not a well-formed STUN message, or fails its integrity or fingerprint check. */
public final class StunException extends Exception {
    public StunException(String message) {
        super(message);
    }
}
