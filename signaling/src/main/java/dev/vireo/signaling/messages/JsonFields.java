package dev.vireo.signaling.messages;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Reads one field of a client message, refusing wrong types with a {@code bad-request} that names the field. */
final class JsonFields {
    private final JsonObject object;
    private final String type;

    JsonFields(JsonObject object, String type) {
        this.object = object;
        this.type = type;
    }

    String requiredString(String name) throws ProtocolException {
        String value = optionalString(name);
        if (value == null) {
            throw badRequest(name, "is required");
        }
        return value;
    }

    /** The string, or null when the field is absent or JSON null. */
    String optionalString(String name) throws ProtocolException {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw badRequest(name, "must be a string");
    }

    int requiredInt(String name) throws ProtocolException {
        Integer value = optionalInt(name);
        if (value == null) {
            throw badRequest(name, "is required");
        }
        return value;
    }

    Integer optionalInt(String name) throws ProtocolException {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            // BigDecimal keeps 1e400 and 0.5 from sneaking through as Infinity or a truncated int.
            try {
                return p.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException | NumberFormatException notAnInt) {
                throw badRequest(name, "must be an integer");
            }
        }
        throw badRequest(name, "must be an integer");
    }

    Boolean optionalBoolean(String name) throws ProtocolException {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        throw badRequest(name, "must be true or false");
    }

    ProtocolException badRequest(String field, String problem) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + field + "' " + problem, type);
    }
}
