package dev.vireo.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.srtp.SrtpKeyingMaterial;
import dev.vireo.srtp.SrtpProfile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DtlsServer} against a DTLS-SRTP client we did not write: {@code openssl s_client} (OpenSSL 3, the same
 * family as Chromium's BoringSSL), over UDP on 127.0.0.1. Both sides must agree on the profile and on the exported
 * keying material byte for byte.
 */
class OpenSslInteropTest {
    private static final List<SrtpProfile> BOTH =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);

    @TempDir
    Path dir;

    private static final String[] P256 = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"};
    /** GStreamer's webrtcbin, for one, presents an RSA certificate. */
    private static final String[] RSA = {"-newkey", "rsa:2048"};

    @Test
    void opensslClientGetsGcmAndTheSameKeys() throws Exception {
        check(P256, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80", SrtpProfile.AEAD_AES_128_GCM);
    }

    @Test
    void opensslClientOfferingOnlyAesCmGetsAesCm() throws Exception {
        check(P256, "SRTP_AES128_CM_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    @Test
    void opensslClientWithAnRsaCertificate() throws Exception {
        check(RSA, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80", SrtpProfile.AEAD_AES_128_GCM);
    }

    private void check(String[] keyOptions, String offer, SrtpProfile expectedProfile) throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        List<String> req = new java.util.ArrayList<>(List.of("openssl", "req", "-x509"));
        req.addAll(List.of(keyOptions));
        req.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=openssl"));
        run(req.toArray(String[]::new));
        String fingerprint = run("openssl", "x509", "-in", cert.toString(), "-noout", "-fingerprint", "-sha256");
        // "sha256 Fingerprint=AB:CD:..." (OpenSSL 3) or "SHA256 Fingerprint=..."
        Fingerprint clientFingerprint = Fingerprint.parse("sha-256 " + fingerprint.substring(fingerprint.indexOf('=') + 1));

        DtlsCertificate serverCert = DtlsCertificate.generate();
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (LoopbackUdpTransport transport = new LoopbackUdpTransport()) {
            Future<DtlsResult> server = serverThread.submit(
                    () -> DtlsServer.accept(transport, serverCert, clientFingerprint, BOTH));
            Process client = new ProcessBuilder("openssl", "s_client", "-dtls1_2",
                    "-connect", "127.0.0.1:" + transport.port(), "-cert", cert.toString(), "-key", key.toString(),
                    "-use_srtp", offer, "-keymatexport", "EXTRACTOR-dtls_srtp",
                    "-keymatexportlen", Integer.toString(expectedProfile.keyingMaterialLength()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            DtlsResult result;
            String output;
            try {
                result = server.get(20, TimeUnit.SECONDS);
                result.transport().close(); // close_notify lets s_client finish at once
                output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                client.destroy();
                client.waitFor(10, TimeUnit.SECONDS);
            }

            assertTrue(output.contains("SRTP Extension negotiated, profile=" + opensslName(expectedProfile)), output);
            Matcher m = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(output);
            assertTrue(m.find(), output);
            byte[] exported = HexFormat.of().parseHex(m.group(1));

            SrtpKeyingMaterial ours = result.keys();
            assertEquals(expectedProfile, ours.profile());
            assertEquals(SrtpKeyingMaterial.fromDtlsExport(expectedProfile, exported, true), ours);
            assertNotNull(result.transport());
        } finally {
            serverThread.shutdownNow();
        }
    }

    private static String opensslName(SrtpProfile profile) {
        return switch (profile) {
            case AEAD_AES_128_GCM -> "SRTP_AEAD_AES_128_GCM";
            case AES_CM_128_HMAC_SHA1_80 -> "SRTP_AES128_CM_SHA1_80";
        };
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
