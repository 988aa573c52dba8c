/**
 * A browser-less WebRTC client transport for load tools and agents: ICE (RFC 8445) on our own STUN codec, DTLS-SRTP
 * on BouncyCastle, SRTP on jitsi-srtp, for hundreds of transports per JVM served by a few {@link
 * dev.vireo.peer.PeerReactor} threads. Loopback only.
 */
package dev.vireo.peer;
