package dev.vireo.sfu;

/**
 * A snapshot of the media plane's counters, totals since the SFU started.
 *
 * @param packetsReceived  datagrams the media workers took from the shared port (RTP and RTCP, before SRTP)
 * @param packetsForwarded RTP packets handed to subscribers
 * @param srtpRejected     received packets that failed SRTP/SRTCP: authentication, replay, or malformed
 * @param overloadDrops    received packets dropped because the SFU could not keep up: the transport's media lane was
 *                         full, or RTP waited too long for its worker (past the hard limit, or past the target while
 *                         the lane sheds a standing queue)
 * @param queuedPackets    packets waiting for a media worker right now
 */
public record SfuStats(int rooms, int participants, long packetsReceived, long packetsForwarded,
                       long srtpRejected, long overloadDrops, int queuedPackets) {
}
