/**
 * RTP (RFC 3550) read and rewritten in place: header fields, RFC 8285 header extensions, 16/32-bit unwrapping and
 * RFC 7983 first-byte demultiplexing. Everything here works on {@code (byte[], offset, length)} windows, holds no
 * sockets, threads or logging, and allocates nothing per packet.
 */
package dev.vireo.rtp;
