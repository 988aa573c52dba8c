/**
 * Signaling protocol v1: one record per JSON message, and {@link dev.vireo.signaling.messages.MessageCodec} to turn
 * text frames into them and back. The contract is written down in {@code docs/signaling.md}. This package holds no
 * sockets, threads or logging.
 */
package dev.vireo.signaling.messages;
