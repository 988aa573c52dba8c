package dev.vireo.signaling.messages;

import java.util.List;

/**
 * {@code {"type":"publish-layers","mid":"1","layers":[{"rid":"q","active":true},{"rid":"f","active":false}]}}:
 * dynacast. Which simulcast layers (by rid) of the client's published video on m-line {@code mid} anyone receives;
 * the client sets each encoding's {@code active} to match, so its uplink and CPU are not spent on unwatched layers.
 */
public record PublishLayers(String mid, List<Layer> layers) implements ServerMessage {
    public static final String TYPE = "publish-layers";

    public PublishLayers {
        layers = List.copyOf(layers);
    }

    /** One layer and whether to encode it. */
    public record Layer(String rid, boolean active) {
    }

    @Override
    public String type() {
        return TYPE;
    }
}
