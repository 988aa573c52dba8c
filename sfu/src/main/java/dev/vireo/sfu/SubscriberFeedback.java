package dev.vireo.sfu;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtcp.FullIntraRequest;
import dev.vireo.rtcp.GenericNack;
import dev.vireo.rtcp.PictureLossIndication;
import dev.vireo.rtcp.ReceiverEstimatedMaxBitrate;
import dev.vireo.rtcp.RtcpFeedback;
import dev.vireo.rtcp.RtcpIterator;
import dev.vireo.rtcp.RtcpPacketType;
import dev.vireo.sfu.forward.OutboundStream;
import dev.vireo.sfu.transport.MediaTransport;

/**
 * What a receiving peer (a participant's subscribe PeerConnection, a WHEP viewer) sends back about the media the SFU
 * sends it: PLI/FIR ask the source for a key frame, NACKs are answered from the packet caches, transport-cc feedback
 * and REMB feed its downlink estimate. One per receiving transport; called on that transport's media thread.
 */
final class SubscriberFeedback {
    /** The receiver's outgoing streams by the SSRC it knows them under. */
    interface Streams {
        OutboundStream bySsrc(int ssrc);
    }

    private final RtcpIterator rtcp = new RtcpIterator();
    private final Streams streams;
    private final VideoAllocation allocation;

    SubscriberFeedback(Streams streams, VideoAllocation allocation) {
        this.streams = streams;
        this.allocation = allocation;
    }

    /** Applies one compound RTCP packet from the receiver; takes ownership of the buffer. */
    void onRtcp(MediaTransport transport, PacketBuffer packet) {
        try {
            byte[] b = packet.array();
            rtcp.reset(b, packet.offset(), packet.length());
            long now = packet.receivedAtNanos();
            while (rtcp.next()) {
                if (rtcp.packetType() == RtcpPacketType.RTPFB) {
                    onTransportFeedback(transport, b, rtcp.offset(), rtcp.length(), rtcp.countOrFormat(), now);
                } else if (rtcp.packetType() == RtcpPacketType.PSFB && rtcp.length() >= 12) {
                    onPayloadFeedback(transport, b, rtcp.offset(), rtcp.length(), rtcp.countOrFormat(), now);
                }
            }
        } finally {
            packet.release();
        }
    }

    /** RFC 4585 §6.3 PLI, RFC 5104 §4.3.1 FIR, and REMB (draft-alvestrand-rmcat-remb). */
    private void onPayloadFeedback(MediaTransport transport, byte[] b, int off, int len, int format, long now) {
        if (format == RtcpFeedback.FMT_AFB && ReceiverEstimatedMaxBitrate.isRemb(b, off, len)) {
            long remb = ReceiverEstimatedMaxBitrate.bitrateBps(b, off);
            allocation.onRemb(remb, now);
            transport.transportCc().onRemb(remb, now);
            return;
        }
        int mediaSsrc;
        if (format == 1) {
            mediaSsrc = PictureLossIndication.mediaSsrc(b, off);
        } else if (format == 4 && len >= 20) {
            mediaSsrc = FullIntraRequest.firstRequestedSsrc(b, off, len);
        } else {
            return;
        }
        OutboundStream stream = streams.bySsrc(mediaSsrc);
        if (stream != null) {
            stream.requestKeyframe(now);
        }
    }

    /** NACKs are answered from the packet caches (RFC 4585 §6.2.1); transport-cc feedback feeds the estimate. */
    private void onTransportFeedback(MediaTransport transport, byte[] b, int off, int len, int format, long now) {
        if (format == RtcpFeedback.FMT_TRANSPORT_CC) {
            transport.transportCc().onFeedback(b, off, len, now);
            return;
        }
        if (format != RtcpFeedback.FMT_GENERIC_NACK || len < 16) {
            return;
        }
        OutboundStream stream = streams.bySsrc(GenericNack.mediaSsrc(b, off));
        if (stream == null) {
            return;
        }
        int items = GenericNack.itemCount(b, off, len);
        for (int i = 0; i < items; i++) {
            int pid = GenericNack.pid(b, off, i);
            int blp = GenericNack.blp(b, off, i);
            stream.retransmit(pid, now);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    stream.retransmit((pid + bit + 1) & 0xFFFF, now);
                }
            }
        }
    }
}
