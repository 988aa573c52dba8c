package dev.vireo.meetings;

/** A request field with a bad value: REST answers 400 {@code {"error":"invalid-field","field":..,"message":..}}. */
public final class InvalidFieldException extends Exception {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
