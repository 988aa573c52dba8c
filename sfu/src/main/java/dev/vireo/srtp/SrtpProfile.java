package dev.vireo.srtp;

import org.jitsi.srtp.SrtpPolicy;

/**
 * The SRTP protection profiles Vireo negotiates over DTLS-SRTP.
 *
 * <p>Identifiers and lengths are those of the IANA "DTLS-SRTP Protection Profiles" registry:
 * RFC 5764 §4.1.2 for {@code SRTP_AES128_CM_HMAC_SHA1_80} = {0x00, 0x01} and RFC 7714 §14.2 for
 * {@code SRTP_AEAD_AES_128_GCM} = {0x00, 0x07}. SRTCP uses the same transform as SRTP in both.
 */
public enum SrtpProfile {
    /** AES-128 in GCM mode, 96-bit salt, 16-byte tag (RFC 7714 §14.2). */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    /** AES-128 in counter mode with a 80-bit HMAC-SHA1 tag, 112-bit salt (RFC 5764 §4.1.2, RFC 3711 §5). */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10);

    private final int protectionProfileId;
    private final int keyLength;
    private final int saltLength;
    private final int authTagLength;

    SrtpProfile(int protectionProfileId, int keyLength, int saltLength, int authTagLength) {
        this.protectionProfileId = protectionProfileId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.authTagLength = authTagLength;
    }

    /** The two-byte SRTPProtectionProfile value carried in the DTLS {@code use_srtp} extension. */
    public int protectionProfileId() { return protectionProfileId; }

    /** Master key length in bytes. */
    public int keyLength() { return keyLength; }

    /** Master salt length in bytes. */
    public int saltLength() { return saltLength; }

    /** Bytes the transform appends to every SRTP packet (SRTCP adds 4 more for its index). */
    public int authTagLength() { return authTagLength; }

    /** Bytes to export from DTLS: a key and a salt for each side (RFC 5764 §4.2). */
    public int keyingMaterialLength() { return 2 * (keyLength + saltLength); }

    /** @throws IllegalArgumentException for a profile Vireo does not implement */
    public static SrtpProfile byProtectionProfileId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.protectionProfileId == id) {
                return profile;
            }
        }
        throw new IllegalArgumentException(String.format("unsupported SRTP protection profile 0x%04x", id));
    }

    /** A fresh jitsi-srtp policy (the class is mutable, so each factory gets its own). */
    SrtpPolicy newPolicy() {
        return switch (this) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, keyLength,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, authTagLength, saltLength);
            case AES_CM_128_HMAC_SHA1_80 -> {
                SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyLength,
                        SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, authTagLength, saltLength);
                // A NACKed packet resent without RTX reuses its index. With AES-CM only the payload is encrypted, and
                // it is the same payload, so the reused keystream reveals nothing; the receiver still replay-checks.
                policy.setSendReplayEnabled(false);
                yield policy;
            }
        };
    }
}
