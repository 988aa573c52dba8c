/** The H.264 RTP payload format (RFC 6184): key frame detection across single NAL, STAP-A and FU-A packets. */
package dev.vireo.codec.h264;
