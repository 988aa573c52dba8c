package dev.vireo.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a signed access token grants: who may enter which room, under which name and role, until when.
 *
 * @param room      the one room it is valid for
 * @param identity  a stable id of the holder chosen by whoever issued the token (a user id, "camera-3"...)
 * @param name      the display name others see
 * @param role      what the holder may do
 * @param expiresAt after this instant the token is refused
 */
public record AccessToken(String room, String identity, String name, Role role, Instant expiresAt) {
    public AccessToken {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
