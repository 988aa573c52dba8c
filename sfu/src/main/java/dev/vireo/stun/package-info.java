/**
 * STUN (RFC 8489, formerly RFC 5389) as ICE (RFC 8445) uses it: Binding requests, responses and indications with
 * USERNAME, MESSAGE-INTEGRITY (short-term credentials), FINGERPRINT, XOR-MAPPED-ADDRESS, ERROR-CODE and the ICE
 * attributes PRIORITY, USE-CANDIDATE, ICE-CONTROLLING and ICE-CONTROLLED.
 *
 * <p>{@link dev.vireo.stun.StunMessage} parses a view over a caller's buffer; {@link dev.vireo.stun.StunMessageWriter}
 * writes one. No sockets, threads or logging here: the transport that sends and retransmits checks lives in
 * {@code dev.vireo.peer}.
 */
package dev.vireo.stun;
