/**
 * Loss recovery at the SFU (RFC 4585 NACK, RFC 4588 RTX): a packet cache per publisher stream, NACK generation
 * toward publishers, and the map from a subscriber's rewritten sequence numbers back to the source packets.
 * Decisions are pure classes with an injected clock; nothing here holds sockets or threads.
 */
package dev.vireo.sfu.recovery;
