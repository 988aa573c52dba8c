package dev.vireo.agent.signal;

/**
 * The server refused the agent for a reason that retrying cannot fix (bad token, forbidden, unknown room, a request
 * it calls malformed): the agent stops with this message instead of knocking forever.
 */
public final class PermanentRefusal extends Exception {
    public PermanentRefusal(String message) {
        super(message);
    }
}
