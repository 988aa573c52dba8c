package dev.vireo.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The master keys and salts of one DTLS-SRTP association, seen from one side: "local" protects what we send,
 * "remote" unprotects what we receive. The arrays are copied in and out, so an instance cannot be changed.
 */
public record SrtpKeyingMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt,
                                 byte[] remoteKey, byte[] remoteSalt) {

    public SrtpKeyingMaterial {
        Objects.requireNonNull(profile, "profile");
        localKey = checked(localKey, profile.keyLength(), "localKey");
        localSalt = checked(localSalt, profile.saltLength(), "localSalt");
        remoteKey = checked(remoteKey, profile.keyLength(), "remoteKey");
        remoteSalt = checked(remoteSalt, profile.saltLength(), "remoteSalt");
    }

    /**
     * Splits the output of the DTLS exporter (label "EXTRACTOR-dtls_srtp") as RFC 5764 §4.2 lays it out:
     * <pre>
     *   client_write_SRTP_master_key[key_len] | server_write_SRTP_master_key[key_len] |
     *   client_write_SRTP_master_salt[salt_len] | server_write_SRTP_master_salt[salt_len]
     * </pre>
     *
     * @param localIsServer whether this side was the DTLS server (then it writes with the server key and salt)
     */
    public static SrtpKeyingMaterial fromDtlsExport(SrtpProfile profile, byte[] exported, boolean localIsServer) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(exported, "exported");
        if (exported.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("exported keying material is " + exported.length + " bytes, "
                    + profile + " needs " + profile.keyingMaterialLength());
        }
        int k = profile.keyLength();
        int s = profile.saltLength();
        byte[] clientKey = Arrays.copyOfRange(exported, 0, k);
        byte[] serverKey = Arrays.copyOfRange(exported, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(exported, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s);
        return localIsServer
                ? new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt)
                : new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt);
    }

    @Override public byte[] localKey() { return localKey.clone(); }
    @Override public byte[] localSalt() { return localSalt.clone(); }
    @Override public byte[] remoteKey() { return remoteKey.clone(); }
    @Override public byte[] remoteSalt() { return remoteSalt.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeyingMaterial other
                && profile == other.profile
                && Arrays.equals(localKey, other.localKey)
                && Arrays.equals(localSalt, other.localSalt)
                && Arrays.equals(remoteKey, other.remoteKey)
                && Arrays.equals(remoteSalt, other.remoteSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(localKey), Arrays.hashCode(localSalt),
                Arrays.hashCode(remoteKey), Arrays.hashCode(remoteSalt));
    }

    /** Names the profile only: keys must never reach a log. */
    @Override
    public String toString() {
        return "SrtpKeyingMaterial[profile=" + profile + ", keys=<redacted>]";
    }

    private static byte[] checked(byte[] value, int expectedLength, String name) {
        Objects.requireNonNull(value, name);
        if (value.length != expectedLength) {
            throw new IllegalArgumentException(name + " is " + value.length + " bytes, expected " + expectedLength);
        }
        return value.clone();
    }
}
