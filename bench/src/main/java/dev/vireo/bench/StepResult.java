package dev.vireo.bench;

/**
 * The figures of one step against one server. Packets and bytes are counted at the load subscribers (what was really
 * forwarded and arrived), CPU and memory at the SFU process through /proc; NaN where nothing could be measured.
 *
 * @param step                the step's parameter: viewers (broadcast, audio) or M (meeting)
 * @param participants        clients in the room (publishers + viewers)
 * @param receivers           clients that should receive media
 * @param receiversWithMedia  of those, how many got at least one packet
 * @param cpuPercent          SFU CPU time over wall time, 100 = one core busy
 * @param cpuMicrosPerPacket  SFU CPU time divided by packets received by the load subscribers
 * @param rssPerParticipantKiB (RSS at the step's end - RSS of the idle server) / participants
 * @param delayP50Ms          publisher send to subscriber receive, same JVM: SFU-added delay plus load-client queueing
 * @param joinP50Ms           signaling join sent to first media packet, over clients that joined in this step
 * @param joinCpuMs           the SFU's CPU from the step's first join until all its new clients received media, per new
 *                            client, less the previous step's clients at their steady rate: what one join costs
 * @param gcPauseP99Ms        Vireo only: p99 of GC pauses logged during the step (0 when there were none)
 * @param loadCpuPercent      CPU of the load-client JVM over the step, 100 = one core
 * @param idleCpuPercent      the SFU's CPU with no client, measured before the first step
 * @param srtpRejected        packets the load clients' SRTP refused during the step (authentication, replay)
 * @param sendDrops           packets the load clients could not send during the step
 * @param offeredPackets      packets the publishers sent during the step times each one's number of receivers:
 *                            what a keeping-up SFU delivers in the step
 * @param deliveredPercent    received / offered: below 100 when the SFU drops or falls behind (queues) — sequence
 *                            loss alone misses a backlog, whose packets arrive late but in order
 * @param compilerCpuPercent  of {@code cpuPercent}, the part the server's JIT compiler threads used (0 for Janus)
 * @param settleSeconds       how long the step waited for the JIT compiler to fall quiet before measuring
 */
public record StepResult(
        String server, int step, int publishers, int participants, int receivers, int receiversWithMedia,
        int failedTransports, double seconds,
        double packetsPerSecond, double mbitPerSecond,
        double cpuPercent, double cpuMicrosPerPacket, double rssMiB, double rssPerParticipantKiB,
        long expectedPackets, long receivedPackets, double lossPercent,
        double delayP50Ms, double delayP99Ms, double joinP50Ms, double joinP95Ms, double joinCpuMs,
        int gcPauses, double gcPauseP99Ms, double loadCpuPercent, long senderLateResets, double idleCpuPercent,
        long srtpRejected, long sendDrops, long offeredPackets, double deliveredPercent,
        double compilerCpuPercent, double settleSeconds) {
}
