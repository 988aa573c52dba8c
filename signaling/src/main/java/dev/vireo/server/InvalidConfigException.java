package dev.vireo.server;

/** The server's settings are unusable; the message is one line naming the setting, its source and the problem. */
public final class InvalidConfigException extends Exception {
    public InvalidConfigException(String message) {
        super(message, null, false, false);
    }
}
