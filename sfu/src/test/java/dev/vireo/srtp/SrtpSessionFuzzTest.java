package dev.vireo.srtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.buffer.PacketBuffer;

/**
 * Whatever arrives on the media port reaches unprotect first: it must be refused and counted, never throw, and never
 * be accepted (bytes not produced with the key cannot authenticate).
 */
class SrtpSessionFuzzTest {
    private static final SrtpSession GCM = session(SrtpProfile.AEAD_AES_128_GCM);
    private static final SrtpSession AES_CM = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80);

    private static SrtpSession session(SrtpProfile profile) {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        return new SrtpSession(new SrtpKeyingMaterial(profile, key, salt, key, salt));
    }

    @FuzzTest
    void unprotectRefusesForgedPackets(FuzzedDataProvider data) {
        boolean rtcp = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        if (bytes.length > PacketBuffer.MAX_PACKET) {
            return;
        }
        for (SrtpSession session : new SrtpSession[] {GCM, AES_CM}) {
            PacketBuffer p = PacketBuffer.unpooled().copyFrom(bytes, 0, bytes.length);
            long before = session.rejected();
            boolean accepted = rtcp ? session.unprotectRtcp(p) : session.unprotectRtp(p);
            if (accepted) {
                throw new AssertionError("a forged packet was accepted");
            }
            if (session.rejected() != before + 1) {
                throw new AssertionError("the refusal was not counted");
            }
        }
    }
}
