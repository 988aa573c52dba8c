package dev.vireo.signaling;

/** The one WebSocket a {@link ClientSession} talks over. Both methods are thread-safe and never block. */
interface ClientConnection {
    /** Queues a text frame; does nothing once the connection is closed. */
    void send(String text);

    /** Starts the closing handshake. */
    void close(int code, String reason);

    /** How logs name this connection: a number and the remote address, never anything the client chose. */
    String label();
}
