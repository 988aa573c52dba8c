package dev.vireo.signaling;

import dev.vireo.signaling.messages.MessageCodec;
import dev.vireo.signaling.messages.ServerMessage;

/** The one WebSocket a {@link ClientSession} talks over. Both methods are thread-safe and never block. */
interface ClientConnection {
    /** Queues a text frame; does nothing once the connection is closed. */
    void send(String text);

    /** Sends one protocol message; a connection that is not a WebSocket may take it as it is. */
    default void deliver(ServerMessage message) {
        send(MessageCodec.encode(message));
    }

    /** Starts the closing handshake. */
    void close(int code, String reason);

    /** How logs name this connection: a number and the remote address, never anything the client chose. */
    String label();
}
