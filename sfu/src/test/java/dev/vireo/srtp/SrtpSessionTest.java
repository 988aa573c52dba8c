package dev.vireo.srtp;

import static dev.vireo.srtp.SrtpVectorsTest.window;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.PacketBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** {@link SrtpSession} behaviour: round trips, rejection and its counters, tailroom, concurrency. */
class SrtpSessionTest {

    /** A sender and a receiver keyed as the two ends of one association. */
    private static SrtpSession[] pair(SrtpProfile profile) {
        byte[] keyA = filled(profile.keyLength(), 0x10);
        byte[] saltA = filled(profile.saltLength(), 0x30);
        byte[] keyB = filled(profile.keyLength(), 0x50);
        byte[] saltB = filled(profile.saltLength(), 0x70);
        return new SrtpSession[] {
            new SrtpSession(new SrtpKeyingMaterial(profile, keyA, saltA, keyB, saltB)),
            new SrtpSession(new SrtpKeyingMaterial(profile, keyB, saltB, keyA, saltA)),
        };
    }

    private static byte[] filled(int length, int start) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    static byte[] rtp(int seq, int ssrc, int payloadLength) {
        byte[] p = new byte[12 + payloadLength];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[7] = (byte) seq; // timestamp
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 7 + seq);
        }
        return p;
    }

    /** An RTCP receiver report (RFC 3550 §6.4.2) with one report block. */
    static byte[] rtcp(int senderSsrc) {
        byte[] p = new byte[32];
        p[0] = (byte) 0x81;
        p[1] = (byte) 201;
        p[3] = 7;
        p[4] = (byte) (senderSsrc >>> 24);
        p[5] = (byte) (senderSsrc >>> 16);
        p[6] = (byte) (senderSsrc >>> 8);
        p[7] = (byte) senderSsrc;
        for (int i = 8; i < p.length; i++) {
            p[i] = (byte) (i * 3);
        }
        return p;
    }

    private static PacketBuffer buffer(byte[] packet) {
        return PacketBuffer.unpooled().copyFrom(packet, 0, packet.length);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpAndRtcpRoundTrip(SrtpProfile profile) {
        SrtpSession[] s = pair(profile);
        for (int seq = 65530; seq < 65550; seq++) { // across a sequence number wrap: the ROC must follow
            byte[] rtp = rtp(seq & 0xFFFF, 0xABCDEF01, 160);
            PacketBuffer p = buffer(rtp);
            assertTrue(s[0].protectRtp(p));
            assertEquals(rtp.length + profile.authTagLength(), p.length());
            assertFalse(Arrays.equals(rtp, Arrays.copyOf(window(p), rtp.length)), "payload is encrypted");
            assertTrue(s[1].unprotectRtp(p), "seq " + seq);
            assertArrayEquals(rtp, window(p));
        }
        for (int i = 0; i < 5; i++) {
            byte[] rtcp = rtcp(0x01020304);
            PacketBuffer p = buffer(rtcp);
            assertTrue(s[1].protectRtcp(p));
            assertEquals(rtcp.length + 4 + profile.authTagLength(), p.length());
            assertTrue(s[0].unprotectRtcp(p));
            assertArrayEquals(rtcp, window(p));
        }
        assertEquals(0, s[0].rejected() + s[1].rejected() + s[0].protectFailures() + s[1].protectFailures());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aFlippedBitIsRejectedAndCounted(SrtpProfile profile) {
        SrtpSession[] s = pair(profile);
        byte[] rtp = rtp(100, 0x5EED, 300);
        PacketBuffer p = buffer(rtp);
        assertTrue(s[0].protectRtp(p));
        byte[] protectedRtp = window(p);

        // a header byte (sequence number), a payload byte, the last tag byte
        int[] positions = {3, 12 + 150, protectedRtp.length - 1};
        for (int i = 0; i < positions.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] tampered = protectedRtp.clone();
                tampered[positions[i]] ^= (byte) (1 << bit);
                assertFalse(s[1].unprotectRtp(buffer(tampered)), "byte " + positions[i] + " bit " + bit);
            }
        }
        assertEquals(2L * positions.length, s[1].authFailures());
        assertEquals(s[1].authFailures(), s[1].rejected());

        // The failures left no trace: the genuine packet still goes through.
        PacketBuffer genuine = buffer(protectedRtp);
        assertTrue(s[1].unprotectRtp(genuine));
        assertArrayEquals(rtp, window(genuine));

        byte[] rtcp = rtcp(0x5EED);
        PacketBuffer c = buffer(rtcp);
        assertTrue(s[0].protectRtcp(c));
        byte[] tampered = window(c);
        tampered[10] ^= 0x01;
        assertFalse(s[1].unprotectRtcp(buffer(tampered)));
        assertEquals(2L * positions.length + 1, s[1].authFailures());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketIsRejectedAndCounted(SrtpProfile profile) {
        SrtpSession[] s = pair(profile);
        PacketBuffer p = buffer(rtp(1000, 77, 100));
        assertTrue(s[0].protectRtp(p));
        byte[] once = window(p);
        assertTrue(s[1].unprotectRtp(buffer(once)));
        assertFalse(s[1].unprotectRtp(buffer(once)), "the same packet again");
        assertEquals(1, s[1].replayDrops());

        // Never seen, but older than the 64-packet replay window (RFC 3711 §3.3.2).
        PacketBuffer newer = buffer(rtp(1200, 77, 100));
        PacketBuffer ancient = buffer(rtp(1100, 77, 100));
        assertTrue(s[0].protectRtp(ancient));
        assertTrue(s[0].protectRtp(newer));
        assertTrue(s[1].unprotectRtp(newer));
        assertFalse(s[1].unprotectRtp(ancient));
        assertEquals(2, s[1].replayDrops());

        PacketBuffer c = buffer(rtcp(77));
        assertTrue(s[0].protectRtcp(c));
        byte[] rtcpOnce = window(c);
        assertTrue(s[1].unprotectRtcp(buffer(rtcpOnce)));
        assertFalse(s[1].unprotectRtcp(buffer(rtcpOnce)));
        assertEquals(3, s[1].replayDrops());
        assertEquals(0, s[1].authFailures());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectsTheLargestPacketWithinThePacketBuffersTailroom(SrtpProfile profile) {
        SrtpSession[] s = pair(profile);
        byte[] rtp = rtp(1, 9, PacketBuffer.MAX_PACKET - 12);
        PacketBuffer p = buffer(rtp);
        assertEquals(PacketBuffer.TAILROOM, p.tailroom());
        assertTrue(s[0].protectRtp(p));
        assertEquals(PacketBuffer.CAPACITY, p.offset() + p.length() + p.tailroom());
        assertTrue(s[1].unprotectRtp(p));
        assertArrayEquals(rtp, window(p));

        byte[] rtcp = Arrays.copyOf(rtcp(9), PacketBuffer.MAX_PACKET);
        PacketBuffer c = buffer(rtcp);
        assertTrue(s[0].protectRtcp(c));
        assertTrue(s[1].unprotectRtcp(c));
        assertArrayEquals(rtcp, window(c));
    }

    @Test
    void refusesToProtectWithoutTailroomInsteadOfWritingPastTheArray() {
        SrtpSession[] s = pair(SrtpProfile.AEAD_AES_128_GCM);
        PacketBuffer p = buffer(rtp(1, 9, 100));
        p.setLength(PacketBuffer.CAPACITY - p.offset() - 10); // leave only 10 bytes
        assertFalse(s[0].protectRtp(p));
        assertFalse(s[0].protectRtcp(p));
        assertEquals(2, s[0].protectFailures());
    }

    @Test
    void malformedPacketsAreCountedNotThrown() {
        SrtpSession[] s = pair(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        List<byte[]> malformed = new ArrayList<>();
        malformed.add(new byte[0]);
        malformed.add(new byte[11]);
        malformed.add(Arrays.copyOf(rtp(1, 1, 0), 21)); // a header and less than a tag
        byte[] version1 = rtp(1, 1, 40);
        version1[0] = 0x40;
        malformed.add(version1);
        byte[] csrcs = rtp(1, 1, 20);
        csrcs[0] = (byte) 0x8F; // 15 CSRCs announced, 60 bytes, in a 32-byte packet
        malformed.add(csrcs);
        byte[] extension = rtp(1, 1, 20);
        extension[0] = (byte) 0x90;
        extension[14] = (byte) 0xFF; // header extension of 65280 words
        malformed.add(extension);

        for (byte[] bad : malformed) {
            assertFalse(s[1].unprotectRtp(buffer(bad)), Arrays.toString(bad));
            assertFalse(s[1].unprotectRtcp(buffer(bad)), Arrays.toString(bad));
        }
        assertEquals(2L * malformed.size(), s[1].rejected());
        assertEquals(2L * malformed.size(), s[1].invalidDrops() + s[1].authFailures());
        assertTrue(s[1].invalidDrops() >= malformed.size() + 2, "most are refused before any crypto");

        assertFalse(s[0].protectRtp(buffer(new byte[11])));
        assertFalse(s[0].protectRtp(buffer(csrcs)));
        assertFalse(s[0].protectRtcp(buffer(new byte[7])));
        assertEquals(3, s[0].protectFailures());
    }

    @Test
    void packetsFromUnknownSsrcsThatFailDoNotUseUpStreams() {
        SrtpSession[] s = pair(SrtpProfile.AEAD_AES_128_GCM);
        byte[] garbage = new byte[12 + 100 + 16];
        garbage[0] = (byte) 0x80;
        for (int ssrc = 1; ssrc <= SrtpSession.MAX_STREAMS + 5; ssrc++) {
            garbage[11] = (byte) ssrc;
            garbage[10] = (byte) (ssrc >>> 8);
            assertFalse(s[1].unprotectRtp(buffer(garbage)));
        }
        assertEquals(SrtpSession.MAX_STREAMS + 5, s[1].authFailures());

        PacketBuffer real = buffer(rtp(5, 0x7777_0000, 100));
        assertTrue(s[0].protectRtp(real));
        assertTrue(s[1].unprotectRtp(real), "a genuine new stream still finds room");
    }

    @Test
    void twoThreadsProtectTwoSsrcsAtOnce() throws Exception {
        SrtpSession[] s = pair(SrtpProfile.AEAD_AES_128_GCM);
        int packets = 3000;
        int[] ssrcs = {0x0A0A0A0A, 0x0B0B0B0B};
        CyclicBarrier start = new CyclicBarrier(ssrcs.length);
        ExecutorService threads = Executors.newFixedThreadPool(ssrcs.length);
        try {
            List<Future<List<byte[]>>> sent = new ArrayList<>();
            for (int ssrc : ssrcs) {
                sent.add(threads.submit(() -> {
                    List<byte[]> out = new ArrayList<>();
                    start.await(10, TimeUnit.SECONDS);
                    for (int seq = 0; seq < packets; seq++) {
                        PacketBuffer p = buffer(rtp(seq, ssrc, 200));
                        if (!s[0].protectRtp(p)) {
                            throw new AssertionError("protect failed at " + seq);
                        }
                        out.add(window(p));
                        if (seq % 100 == 0) {
                            PacketBuffer c = buffer(rtcp(ssrc));
                            if (!s[0].protectRtcp(c)) {
                                throw new AssertionError("protectRtcp failed at " + seq);
                            }
                            out.add(window(c));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<byte[]>> f : sent) {
                for (byte[] packet : f.get(60, TimeUnit.SECONDS)) {
                    PacketBuffer p = buffer(packet);
                    boolean isRtcp = (packet[1] & 0xFF) == 201;
                    assertTrue(isRtcp ? s[1].unprotectRtcp(p) : s[1].unprotectRtp(p));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(0, s[0].protectFailures());
        assertEquals(0, s[1].rejected());
    }

    @Test
    void closedSessionRefusesEverything() {
        SrtpSession[] s = pair(SrtpProfile.AEAD_AES_128_GCM);
        PacketBuffer p = buffer(rtp(1, 1, 50));
        assertTrue(s[0].protectRtp(p));
        s[0].close();
        s[0].close();
        assertFalse(s[0].protectRtp(buffer(rtp(2, 1, 50))));
        s[1].close();
        assertFalse(s[1].unprotectRtp(p));
    }

    @Test
    void backendIsOpenSslOrSunJce() {
        String backend = SrtpSession.cryptoBackend();
        assertTrue(backend.equals("OpenSSL") || backend.equals("SunJCE"), backend);
        assertEquals(org.jitsi.srtp.crypto.JitsiOpenSslProvider.isLoaded() ? "OpenSSL" : "SunJCE", backend);
    }

    // ---- SrtpProfile and SrtpKeyingMaterial ---------------------------------------------------------------------

    @Test
    void profilesCarryTheRegistryValues() {
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.byProtectionProfileId(0x0007));
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.byProtectionProfileId(0x0001));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SrtpProfile.byProtectionProfileId(0x0002));
        assertEquals(56, SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength());
        assertEquals(60, SrtpProfile.AES_CM_128_HMAC_SHA1_80.keyingMaterialLength());
    }

    /** RFC 5764 §4.2: client key | server key | client salt | server salt. */
    @Test
    void dtlsExportIsSplitAsRfc5764Lays() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        byte[] exported = filled(60, 0);
        SrtpKeyingMaterial server = SrtpKeyingMaterial.fromDtlsExport(profile, exported, true);
        SrtpKeyingMaterial client = SrtpKeyingMaterial.fromDtlsExport(profile, exported, false);
        assertArrayEquals(Arrays.copyOfRange(exported, 0, 16), client.localKey());
        assertArrayEquals(Arrays.copyOfRange(exported, 16, 32), server.localKey());
        assertArrayEquals(Arrays.copyOfRange(exported, 32, 46), client.localSalt());
        assertArrayEquals(Arrays.copyOfRange(exported, 46, 60), server.localSalt());
        assertArrayEquals(server.localKey(), client.remoteKey());
        assertArrayEquals(server.remoteSalt(), client.localSalt());
        assertNotEquals(server, client);
        assertEquals(server, SrtpKeyingMaterial.fromDtlsExport(profile, exported.clone(), true));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, exported, true));
    }

    @Test
    void toStringNamesNoKey() {
        SrtpKeyingMaterial keys = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM,
                filled(56, 0xA0), true);
        String text = keys.toString();
        assertTrue(text.contains("AEAD_AES_128_GCM"), text);
        for (byte[] secret : List.of(keys.localKey(), keys.localSalt(), keys.remoteKey(), keys.remoteSalt())) {
            String hex = java.util.HexFormat.of().formatHex(secret, 0, 4);
            assertFalse(text.toLowerCase().contains(hex), text);
            assertFalse(text.contains(Arrays.toString(Arrays.copyOf(secret, 2)).replace("]", "")), text);
        }
        keys.localKey()[0] ^= 1; // accessors hand out copies
        assertEquals(keys, SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, filled(56, 0xA0), true));
    }
}
