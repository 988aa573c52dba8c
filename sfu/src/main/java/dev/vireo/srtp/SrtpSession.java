package dev.vireo.srtp;

import dev.vireo.buffer.PacketBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLong;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.Logger;

/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for one DTLS-SRTP association, in place on {@link PacketBuffer}s.
 *
 * <p>Crypto is jitsi-srtp's: one {@code SrtpContextFactory} per direction derives a context per SSRC, which keeps
 * that stream's session keys, rollover counter and replay window.
 *
 * <p>Threading. {@code unprotect*} are called by one thread (the transport's receive thread). {@code protect*} may be
 * called from several threads at once, but never at once for the same SSRC. Contexts live in {@link SsrcTable}s
 * published through volatile fields: the steady state is one volatile read and a probe, with no lock and no
 * allocation. A new SSRC is added under a lock, which only stream creation ever contends for.
 *
 * <p>A packet that fails is left in an unspecified state and must be dropped; each failure is counted.
 * With AES-GCM outgoing sequence numbers are replay-checked too (jitsi-srtp's default): sending the same sequence
 * number twice on one SSRC is refused, so retransmissions must go out on an RTX stream (RFC 4588). AES-CM allows it
 * (see {@link SrtpProfile}), for subscribers that did not negotiate RTX.
 */
public final class SrtpSession implements AutoCloseable {
    /** Streams per direction and kind; beyond this, packets of new SSRCs are dropped. */
    static final int MAX_STREAMS = 1024;
    /** Room jitsi-srtp writes past the packet: a 16-byte tag plus the 4-byte SRTCP index. */
    private static final int REQUIRED_TAILROOM = 16 + 4;
    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX = 4;

    /**
     * jitsi-srtp logs each failed GCM decryption at INFO (a peer sending garbage must not flood the log) and calls
     * debug for every packet it protects (which must cost nothing): warnings only, decided here once.
     */
    private static final Logger LIBRARY_LOGGER = new WarningsOnlyLogger(SrtpSession.class.getName());

    /** How a factory derives a context for a new SSRC; stateless, so the two below serve every stream. */
    private interface Derivation<C> {
        C derive(SrtpContextFactory factory, int ssrc) throws GeneralSecurityException;
    }

    private static final Derivation<SrtpCryptoContext> RTP = (factory, ssrc) -> factory.deriveContext(ssrc, 0);
    private static final Derivation<SrtcpCryptoContext> RTCP = (factory, ssrc) -> factory.deriveControlContext(ssrc);

    private final SrtpProfile profile;
    private final int tagLength;
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final Object sendLock = new Object();

    private volatile SsrcTable<SrtpCryptoContext> rtpSend = SsrcTable.empty();
    private volatile SsrcTable<SrtcpCryptoContext> rtcpSend = SsrcTable.empty();
    // Written only by the receive thread; volatile so that close() and stats readers see a whole table.
    private volatile SsrcTable<SrtpCryptoContext> rtpReceive = SsrcTable.empty();
    private volatile SsrcTable<SrtcpCryptoContext> rtcpReceive = SsrcTable.empty();
    private volatile boolean closed;

    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong replayDrops = new AtomicLong();
    private final AtomicLong invalidDrops = new AtomicLong();
    private final AtomicLong protectFailures = new AtomicLong();

    public SrtpSession(SrtpKeyingMaterial keys) {
        profile = keys.profile();
        tagLength = profile.authTagLength();
        CryptoBackend.pin(); // before the factories below make their first cipher
        sendFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(),
                profile.newPolicy(), profile.newPolicy(), LIBRARY_LOGGER);
        receiveFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(),
                profile.newPolicy(), profile.newPolicy(), LIBRARY_LOGGER);
    }

    /**
     * Makes jitsi-srtp do its one-time set-up now rather than on the first participant's first packet: on first use
     * it builds every cipher factory it knows (loading the whole BouncyCastle provider, seconds on a busy machine)
     * under a class-wide lock, which stalled every stream that joined meanwhile. Protects and unprotects one RTP
     * and one RTCP packet with each profile, with throwaway keys. Safe to call more than once.
     */
    public static void warmUp() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] key = new byte[profile.keyLength()];
            byte[] salt = new byte[profile.saltLength()];
            try (SrtpSession a = new SrtpSession(new SrtpKeyingMaterial(profile, key, salt, key, salt));
                 SrtpSession b = new SrtpSession(new SrtpKeyingMaterial(profile, key, salt, key, salt))) {
                PacketBuffer p = PacketBuffer.unpooled();
                byte[] rtp = new byte[RTP_HEADER + 100];
                rtp[0] = (byte) 0x80;
                p.copyFrom(rtp, 0, rtp.length);
                boolean ok = a.protectRtp(p) && b.unprotectRtp(p);
                byte[] rtcp = {(byte) 0x81, (byte) 201, 0, 1, 0, 0, 0, 1};
                p.copyFrom(rtcp, 0, rtcp.length);
                ok &= a.protectRtcp(p) && b.unprotectRtcp(p);
                if (!ok) {
                    throw new IllegalStateException("SRTP self-test failed for " + profile);
                }
            }
        }
    }

    /** Which AES implementation jitsi-srtp was pinned to in this JVM: "OpenSSL" or "SunJCE". */
    public static String cryptoBackend() {
        return CryptoBackend.NAME;
    }

    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Checks and decrypts an SRTP packet in place; on success the window holds the RTP packet.
     *
     * @return false when the packet is malformed, fails authentication or is a replay: drop it
     */
    public boolean unprotectRtp(PacketBuffer p) {
        if (closed || !isRtp(p, tagLength) || p.tailroom() < REQUIRED_TAILROOM) {
            return invalid();
        }
        int ssrc = readInt(p.array(), p.offset() + 8);
        SrtpCryptoContext context = rtpReceive.get(ssrc);
        boolean isNew = context == null;
        if (isNew) {
            context = newReceiveContext(rtpReceive, RTP, ssrc);
            if (context == null) {
                return invalid();
            }
        }
        if (!verified(reverse(context, p))) {
            return false;
        }
        if (isNew) {
            // Only a stream whose first packet authenticated gets a context: garbage cannot fill the table.
            rtpReceive = rtpReceive.with(ssrc, context);
        }
        return true;
    }

    /**
     * Checks and decrypts an SRTCP packet in place; on success the window holds the RTCP compound packet.
     *
     * @return false when the packet is malformed, fails authentication or is a replay: drop it
     */
    public boolean unprotectRtcp(PacketBuffer p) {
        if (closed || p.length() < RTCP_HEADER + SRTCP_INDEX + tagLength || !isVersion2(p)
                || p.tailroom() < REQUIRED_TAILROOM) {
            return invalid();
        }
        int ssrc = readInt(p.array(), p.offset() + 4);
        SrtcpCryptoContext context = rtcpReceive.get(ssrc);
        boolean isNew = context == null;
        if (isNew) {
            context = newReceiveContext(rtcpReceive, RTCP, ssrc);
            if (context == null) {
                return invalid();
            }
        }
        if (!verified(reverse(context, p))) {
            return false;
        }
        if (isNew) {
            rtcpReceive = rtcpReceive.with(ssrc, context);
        }
        return true;
    }

    /**
     * Encrypts and tags an RTP packet in place, growing the window by the tag.
     *
     * @return false when the packet is malformed, lacks tailroom, or repeats a sequence number already sent
     */
    public boolean protectRtp(PacketBuffer p) {
        if (closed || !isRtp(p, 0) || p.tailroom() < REQUIRED_TAILROOM) {
            return protectFailed();
        }
        int ssrc = readInt(p.array(), p.offset() + 8);
        SrtpCryptoContext context = rtpSend.get(ssrc);
        try {
            if (context == null) {
                synchronized (sendLock) {
                    rtpSend = withSendContext(rtpSend, RTP, ssrc);
                    context = rtpSend.get(ssrc);
                }
            }
            if (context != null && context.transformPacket(p) == SrtpErrorStatus.OK) {
                return true;
            }
        } catch (GeneralSecurityException e) {
            // fall through: counted below
        }
        return protectFailed();
    }

    /**
     * Encrypts and tags an RTCP compound packet in place, appending the SRTCP index and the tag.
     *
     * @return false when the packet is malformed or lacks tailroom
     */
    public boolean protectRtcp(PacketBuffer p) {
        if (closed || p.length() < RTCP_HEADER || !isVersion2(p) || p.tailroom() < REQUIRED_TAILROOM) {
            return protectFailed();
        }
        int ssrc = readInt(p.array(), p.offset() + 4);
        SrtcpCryptoContext context = rtcpSend.get(ssrc);
        try {
            if (context == null) {
                synchronized (sendLock) {
                    rtcpSend = withSendContext(rtcpSend, RTCP, ssrc);
                    context = rtcpSend.get(ssrc);
                }
            }
            if (context != null && context.transformPacket(p) == SrtpErrorStatus.OK) {
                return true;
            }
        } catch (GeneralSecurityException e) {
            // fall through: counted below
        }
        return protectFailed();
    }

    /** Incoming packets whose tag did not verify. */
    public long authFailures() { return authFailures.get(); }

    /** Incoming packets already received, or older than the replay window. */
    public long replayDrops() { return replayDrops.get(); }

    /** Incoming packets too short or malformed to process, or of a new SSRC beyond {@link #MAX_STREAMS}. */
    public long invalidDrops() { return invalidDrops.get(); }

    /** All incoming packets refused: the sum of the three counters above. */
    public long rejected() { return authFailures() + replayDrops() + invalidDrops(); }

    /** Outgoing packets that could not be protected. */
    public long protectFailures() { return protectFailures.get(); }

    /** Forgets the master keys; every later call fails. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sendFactory.close();
        receiveFactory.close();
    }

    /** A receive context for a new SSRC, not yet in the table; null when the table is full or derivation fails. */
    private <C> C newReceiveContext(SsrcTable<C> table, Derivation<C> derivation, int ssrc) {
        if (table.size() >= MAX_STREAMS) {
            return null;
        }
        try {
            return derivation.derive(receiveFactory, ssrc);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** {@code table} with a send context for {@code ssrc}, derived if missing; {@code table} itself when full. */
    private <C> SsrcTable<C> withSendContext(SsrcTable<C> table, Derivation<C> derivation, int ssrc)
            throws GeneralSecurityException {
        if (table.get(ssrc) != null || table.size() >= MAX_STREAMS) {
            return table;
        }
        return table.with(ssrc, derivation.derive(sendFactory, ssrc));
    }

    // jitsi-srtp reads the header itself; whatever input we failed to foresee must not kill the receive thread.
    private static SrtpErrorStatus reverse(SrtpCryptoContext context, PacketBuffer p) {
        try {
            return context.reverseTransformPacket(p, false);
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    private static SrtpErrorStatus reverse(SrtcpCryptoContext context, PacketBuffer p) {
        try {
            return context.reverseTransformPacket(p);
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    /** Whether an incoming packet passed; a failure is counted by its kind. */
    private boolean verified(SrtpErrorStatus status) {
        switch (status) {
            case OK -> {
                return true;
            }
            case AUTH_FAIL -> authFailures.incrementAndGet();
            case REPLAY_FAIL, REPLAY_OLD -> replayDrops.incrementAndGet();
            default -> invalidDrops.incrementAndGet();
        }
        return false;
    }

    private boolean invalid() {
        invalidDrops.incrementAndGet();
        return false;
    }

    private boolean protectFailed() {
        protectFailures.incrementAndGet();
        return false;
    }

    /**
     * Whether the window holds an RTP header (RFC 3550 §5.1: version 2, CSRCs and any header extension, §5.3.1)
     * followed by at least {@code trailer} bytes.
     */
    private static boolean isRtp(PacketBuffer p, int trailer) {
        byte[] buf = p.array();
        int off = p.offset();
        int len = p.length();
        if (len < RTP_HEADER + trailer || (buf[off] & 0xC0) != 0x80) {
            return false;
        }
        int headerLength = RTP_HEADER + 4 * (buf[off] & 0x0F);
        if ((buf[off] & 0x10) != 0) {
            if (len < headerLength + 4 + trailer) {
                return false;
            }
            int words = ((buf[off + headerLength + 2] & 0xFF) << 8) | (buf[off + headerLength + 3] & 0xFF);
            headerLength += 4 + 4 * words;
        }
        return len >= headerLength + trailer;
    }

    private static boolean isVersion2(PacketBuffer p) {
        return (p.array()[p.offset()] & 0xC0) == 0x80;
    }

    private static int readInt(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8)
                | (buf[off + 3] & 0xFF);
    }
}
