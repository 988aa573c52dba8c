/**
 * RTCP (RFC 3550, RFC 4585, RFC 5104 and the REMB and transport-cc drafts): one class per wire message, named as
 * its RFC names it. {@link dev.vireo.rtcp.RtcpIterator} walks compound packets without allocating; each message has
 * a static in-place reader or writer for the packet path and an object form with {@code parse}, {@code size} and
 * {@code writeTo} for everything else. Malformed input is rejected with {@link dev.vireo.rtcp.RtcpParseException}.
 */
package dev.vireo.rtcp;
