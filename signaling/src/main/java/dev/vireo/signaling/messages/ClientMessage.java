package dev.vireo.signaling.messages;

/** A message a client sends to the server. */
public sealed interface ClientMessage permits Join, PublishOffer, SubscribeAnswer, Candidate, Mute, Leave, Ping,
        VideoLayout, HostAction, LobbyDecision {
    /** The value of the message's {@code "type"} field. */
    String type();
}
