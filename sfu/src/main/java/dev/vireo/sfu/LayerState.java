package dev.vireo.sfu;

/** Whether the publisher should encode one simulcast layer, named by its rid (RFC 8851). */
public record LayerState(String rid, boolean active) {
}
