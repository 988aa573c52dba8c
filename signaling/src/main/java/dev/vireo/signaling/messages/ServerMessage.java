package dev.vireo.signaling.messages;

/** A message the server sends to a client. */
public sealed interface ServerMessage
        permits Joined, ParticipantJoined, ParticipantLeft, ParticipantUpdated, PublishAnswer, SubscribeOffer,
                Candidate, Pong, ErrorMessage, Bye, PublishLayers, MutedByHost, LobbyWaiting, Knock,
                KnockWithdrawn, ActiveSpeaker {
    /** The value of the message's {@code "type"} field. */
    String type();
}
