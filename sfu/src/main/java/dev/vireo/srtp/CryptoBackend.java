package dev.vireo.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * Chooses the AES implementation jitsi-srtp uses, once per JVM.
 *
 * <p>Left alone, jitsi-srtp's {@code Aes} times one 1250-byte encryption with each of OpenSSL, SunJCE, BouncyCastle
 * and SunPKCS11 the first time it needs a transformation and keeps the fastest; a single timed run is noisy, so two
 * runs of the same server could pick different back ends. We pin the choice instead: its OpenSSL binding
 * (libjitsisrtp, shipped in the jar, linked against the system's libcrypto) when it loaded, else the JDK's SunJCE,
 * which also uses AES-NI through HotSpot intrinsics. HMAC-SHA1 needs no pinning: jitsi-srtp's {@code HmacSha1}
 * already takes OpenSSL first when it is loaded and SunJCE otherwise.
 */
final class CryptoBackend {
    static final String NAME;

    static {
        if (JitsiOpenSslProvider.isLoaded()) {
            Aes.setFactoryClassName("OpenSSL");
            NAME = "OpenSSL";
        } else {
            Aes.setFactoryClassName("SunJCE");
            NAME = "SunJCE";
        }
    }

    private CryptoBackend() {
    }

    /** Does nothing but make sure the choice above has been made. */
    static void pin() {
    }
}
