/** The VP8 RTP payload format (RFC 7741): payload descriptor fields and key frame detection, in place. */
package dev.vireo.codec.vp8;
