package dev.vireo.agent.signal;

/**
 * One way of getting the agent's media to a server: Vireo's WebSocket signaling or WHIP. {@link #publish} makes
 * one connection and negotiation and blocks while it lasts; the agent calls it again (after a backoff) when it
 * returns, so a session keeps only what must survive a reconnect.
 */
public interface PublishSession {
    /**
     * Connects, publishes and blocks until the session ends.
     *
     * @return why it ended (server gone, ICE failed, ...): the agent will try again
     * @throws PermanentRefusal when the server refused in a way that retrying cannot fix
     * @throws Exception        any other failure, treated like an ended session
     */
    String publish() throws Exception;

    /** Leaves cleanly (Vireo: {@code leave}; WHIP: DELETE the resource) and makes {@link #publish} return. */
    void stop();
}
