package dev.vireo.signaling.messages;

import java.util.List;

/** One entry of a browser's {@code RTCConfiguration.iceServers}; username and credential are null for STUN. */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
    }
}
