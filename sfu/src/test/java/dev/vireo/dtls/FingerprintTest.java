package dev.vireo.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    /** A value as Chromium writes it in its offer. */
    private static final String CHROMIUM = "sha-256 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:"
            + "9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2:39";

    @Test
    void parsesTheSdpValue() {
        Fingerprint f = Fingerprint.parse(CHROMIUM);
        assertEquals("sha-256", f.algorithm());
        assertArrayEquals(HexFormat.of().parseHex("6F5A1CC48B6E3F045263CAA07B2CE5119A386DF1900E732BAC41D857660FE239"),
                f.value());
        assertEquals(CHROMIUM, f.toSdpValue());
    }

    @Test
    void isCaseInsensitiveAndToleratesSurroundingSpace() {
        Fingerprint lower = Fingerprint.parse("  " + CHROMIUM.toLowerCase() + "\r\n");
        Fingerprint upper = Fingerprint.parse(CHROMIUM.toUpperCase());
        assertEquals(Fingerprint.parse(CHROMIUM), lower);
        assertEquals(lower, upper);
        assertEquals("sha-256", upper.algorithm());
        assertEquals(CHROMIUM, lower.toSdpValue());
    }

    @Test
    void matchesWithEverySupportedHash() throws Exception {
        byte[] der = "not really a certificate, but bytes all the same".getBytes(StandardCharsets.US_ASCII);
        String[][] algorithms = {{"sha-1", "SHA-1"}, {"sha-256", "SHA-256"}, {"sha-384", "SHA-384"},
            {"sha-512", "SHA-512"}};
        for (String[] a : algorithms) {
            byte[] digest = MessageDigest.getInstance(a[1]).digest(der);
            StringBuilder sdp = new StringBuilder(a[0]).append(' ');
            for (int i = 0; i < digest.length; i++) {
                sdp.append(i == 0 ? "" : ":").append(String.format("%02X", digest[i]));
            }
            Fingerprint f = Fingerprint.parse(sdp.toString());
            assertTrue(f.matches(der), a[0]);
            assertEquals(f, Fingerprint.of(a[0], der));

            byte[] other = der.clone();
            other[other.length - 1] ^= 1;
            assertFalse(f.matches(other), a[0] + " must not match other bytes");
        }
    }

    @Test
    void valueCannotBeChangedFromOutside() {
        Fingerprint f = Fingerprint.parse(CHROMIUM);
        f.value()[0] ^= 0x7F;
        assertEquals(CHROMIUM, f.toSdpValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "sha-256",
        "sha-256 ",
        "6F:5A:1C:C4",
        "md5 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11",
        "sha-224 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57",
        "sha-256 6F:5A:1C:C4",
        "sha-256 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2",
        "sha-256 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2:39:00",
        "sha-256 6F5A1CC48B6E3F045263CAA07B2CE5119A386DF1900E732BAC41D857660FE239",
        "sha-256 6F-5A-1C-C4-8B-6E-3F-04-52-63-CA-A0-7B-2C-E5-11-9A-38-6D-F1-90-0E-73-2B-AC-41-D8-57-66-0F-E2-39",
        "sha-256 GG:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2:39",
        "sha-256 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2: 9",
        "sha-256 +F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2:39",
        "sha-1 6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2:39",
        "sha-256\t6F:5A:1C:C4:8B:6E:3F:04:52:63:CA:A0:7B:2C:E5:11:9A:38:6D:F1:90:0E:73:2B:AC:41:D8:57:66:0F:E2:39",
    })
    void refusesGarbage(String sdpValue) {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(sdpValue));
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(null));
    }

    @Test
    void constructorChecksTheLength() {
        assertThrows(IllegalArgumentException.class, () -> new Fingerprint("sha-256", new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> new Fingerprint("whirlpool", new byte[64]));
    }
}
