package dev.vireo.bench.signal;

/**
 * A load client's side of one PeerConnection as SDP needs it: ICE credentials, its one host candidate (the SDP
 * attribute value without "candidate:") and its DTLS certificate's SHA-256 fingerprint ("sha-256 AB:CD:...").
 */
public record LocalEndpoint(String ufrag, String password, String candidate, String fingerprint) {
}
