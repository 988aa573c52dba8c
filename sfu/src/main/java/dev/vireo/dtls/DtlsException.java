package dev.vireo.dtls;

/** A DTLS handshake failed: the peer's certificate, the negotiation, the network, or a timeout. */
public final class DtlsException extends Exception {
    private static final long serialVersionUID = 1L;

    public DtlsException(String message) {
        super(message);
    }

    public DtlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
