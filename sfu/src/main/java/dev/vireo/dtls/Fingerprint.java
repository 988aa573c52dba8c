package dev.vireo.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 §5):
 * <pre>
 *   fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 *   hash-func             = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
 *   fingerprint           = 2UHEX *(":" 2UHEX)
 * </pre>
 * This class holds the value after the colon, e.g. {@code sha-256 AB:CD:...}. Hex digits are accepted in either
 * case. Supported hash functions: sha-1, sha-256, sha-384, sha-512 (sha-224 and md5 are refused as unsupported).
 *
 * @param algorithm the hash function, lower case as in the SDP grammar
 * @param value     the digest; copied in and out
 */
public record Fingerprint(String algorithm, byte[] value) {

    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        int expected = digestLength(algorithm);
        if (value.length != expected) {
            throw new IllegalArgumentException(algorithm + " fingerprint must have " + expected + " bytes, not "
                    + value.length);
        }
        value = value.clone();
    }

    /**
     * Parses {@code "sha-256 AB:CD:..."}.
     *
     * @throws IllegalArgumentException when the value is not a well-formed fingerprint of a supported hash function
     */
    public static Fingerprint parse(String sdpValue) {
        if (sdpValue == null) {
            throw new IllegalArgumentException("no fingerprint");
        }
        String s = sdpValue.strip();
        int space = s.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("fingerprint needs \"<hash-func> <hex>\": " + abbreviate(s));
        }
        String algorithm = s.substring(0, space).toLowerCase(Locale.ROOT);
        int expected = digestLength(algorithm);
        String hex = s.substring(space + 1).strip();
        // Each octet is two hex digits, octets separated by single colons: 3n - 1 characters.
        if (hex.length() != 3 * expected - 1) {
            throw new IllegalArgumentException(algorithm + " fingerprint must have " + expected + " octets: "
                    + abbreviate(s));
        }
        byte[] value = new byte[expected];
        for (int i = 0; i < expected; i++) {
            int at = 3 * i;
            if (i > 0 && hex.charAt(at - 1) != ':') {
                throw new IllegalArgumentException("octets must be separated by ':': " + abbreviate(s));
            }
            int hi = Character.digit(hex.charAt(at), 16);
            int lo = Character.digit(hex.charAt(at + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex octet at position " + i + ": " + abbreviate(s));
            }
            value[i] = (byte) ((hi << 4) | lo);
        }
        return new Fingerprint(algorithm, value);
    }

    /** The fingerprint of a DER-encoded certificate with the given hash function. */
    public static Fingerprint of(String algorithm, byte[] derCertificate) {
        String name = algorithm.toLowerCase(Locale.ROOT);
        digestLength(name);
        return new Fingerprint(name, digest(name, derCertificate));
    }

    /** Whether the certificate hashes to this fingerprint; the comparison takes the same time wherever it differs. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(value, digest(algorithm, derCertificate));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The SDP form: hash function, a space, upper-case hex octets joined by colons. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(algorithm.length() + 1 + 3 * value.length);
        sb.append(algorithm).append(' ');
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit((value[i] >> 4) & 0xF, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(value[i] & 0xF, 16)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other && algorithm.equals(other.algorithm)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    private static int digestLength(String algorithm) {
        return switch (algorithm) {
            case "sha-1" -> 20;
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> throw new IllegalArgumentException("unsupported fingerprint hash function: "
                    + abbreviate(algorithm));
        };
    }

    private static byte[] digest(String algorithm, byte[] data) {
        String jcaName = switch (algorithm) {
            case "sha-1" -> "SHA-1";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalStateException(algorithm);
        };
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + jcaName, e);
        }
    }

    /** Error messages quote the input, but a hostile SDP must not blow up a log line. */
    private static String abbreviate(String s) {
        return s.length() <= 40 ? "\"" + s + "\"" : "\"" + s.substring(0, 40) + "...\"";
    }
}
