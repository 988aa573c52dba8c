package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.sfu.SfuConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source of settings, their precedence, and the one-line errors. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static ServerConfig load(List<String> args, Map<String, String> env) throws InvalidConfigException {
        return ServerConfig.load(args, env);
    }

    private Path file(String hocon) throws IOException {
        Path file = dir.resolve("vireo.conf");
        Files.writeString(file, hocon);
        return file;
    }

    @Test
    void defaultsComeFromReferenceConf() throws Exception {
        ServerConfig c = load(List.of(), Map.of());
        assertEquals(InetAddress.getByName("0.0.0.0"), c.bindAddress());
        assertEquals(8080, c.httpPort());
        assertEquals(8081, c.signalingPort());
        assertEquals(10000, c.mediaPort());
        assertFalse(c.publicIp().isAnyLocalAddress());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals(List.of(), c.allowedNetworks());
        assertEquals(Duration.ofSeconds(10), c.disconnectTimeout());
        assertEquals(65536, c.maxMessageBytes());
        assertEquals(50, c.messagesPerSecond());
        assertEquals(100, c.messageBurst());
        assertEquals(Level.INFO, c.logLevel());
    }

    @Test
    void configFileOverridesDefaults() throws Exception {
        Path file = file("""
                vireo {
                  http-port = 9000
                  media-port = 9999
                  allowed-networks = ["10.0.0.0/8", "127.0.0.1"]
                  disconnect-timeout = 5 seconds
                  max-message-bytes = 64KiB
                  log-level = debug
                }
                ice4j { ignored = true }
                """);
        ServerConfig c = load(List.of("--config", file.toString()), Map.of());
        assertEquals(9000, c.httpPort());
        assertEquals(9001, c.signalingPort(), "auto follows the file's http-port");
        assertEquals(9999, c.mediaPort());
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1/32"), c.allowedNetworks());
        assertEquals(Duration.ofSeconds(5), c.disconnectTimeout());
        assertEquals(65536, c.maxMessageBytes());
        assertEquals(Level.FINE, c.logLevel());
        assertEquals(8080, load(List.of(), Map.of()).httpPort(), "without --config the file is not read");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = file("vireo { http-port = 9000, media-port = 9999 }");
        ServerConfig c = load(List.of("--config", file.toString()), Map.of(
                "VIREO_HTTP_PORT", "9100",
                "VIREO_BIND", "127.0.0.1",
                "VIREO_ALLOWED_NETWORKS", "127.0.0.0/8, 10.1.2.3/16",
                "VIREO_DISCONNECT_TIMEOUT", "1500ms",
                "VIREO_MESSAGES_PER_SECOND", "7",
                "VIREO_LOG_LEVEL", "WARNING",
                "VIREO_UNRELATED", "x"));
        assertEquals(9100, c.httpPort());
        assertEquals(9999, c.mediaPort(), "what the environment leaves alone comes from the file");
        assertEquals(InetAddress.getByName("127.0.0.1"), c.bindAddress());
        assertEquals(InetAddress.getByName("127.0.0.1"), c.publicIp(), "auto public IP follows a specific bind");
        assertEquals(List.of("127.0.0.0/8", "10.1.0.0/16"), c.allowedNetworks());
        assertEquals(Duration.ofMillis(1500), c.disconnectTimeout());
        assertEquals(7, c.messagesPerSecond());
        assertEquals(Level.WARNING, c.logLevel());
    }

    @Test
    void environmentCanNameTheConfigFile() throws Exception {
        Path file = file("vireo { media-port = 12345 }");
        assertEquals(12345, load(List.of(), Map.of("VIREO_CONFIG", file.toString())).mediaPort());
    }

    @Test
    void commandLineOverridesEverything() throws Exception {
        Path file = file("vireo { http-port = 9000 }");
        Path other = dir.resolve("other.conf");
        Files.writeString(other, "vireo { media-port = 20000 }");
        ServerConfig c = load(List.of("--config", other.toString(), "--http-port", "9200",
                        "--public-ip=192.0.2.10", "--allowed-networks", "192.0.2.0/24", "--data-dir", "/var/lib/vireo",
                        "--signaling-port", "9300", "--http-port=9201"),
                Map.of("VIREO_CONFIG", file.toString(), "VIREO_HTTP_PORT", "9100", "VIREO_PUBLIC_IP", "192.0.2.99"));
        assertEquals(9201, c.httpPort(), "the later option wins");
        assertEquals(9300, c.signalingPort());
        assertEquals(20000, c.mediaPort(), "--config beats VIREO_CONFIG");
        assertEquals(InetAddress.getByName("192.0.2.10"), c.publicIp());
        assertEquals(List.of("192.0.2.0/24"), c.allowedNetworks());
        assertEquals(Path.of("/var/lib/vireo"), c.dataDir());
    }

    @Test
    void portZeroMeansFreePortsForHttpAndSignaling() throws Exception {
        ServerConfig c = load(List.of("--http-port", "0", "--media-port", "0"), Map.of());
        assertEquals(0, c.httpPort());
        assertEquals(0, c.signalingPort());
        assertEquals(0, c.mediaPort());
        assertThrows(IllegalStateException.class, c::toSfuConfig);
    }

    @Test
    void emptyAllowedNetworksAllowsAll() throws Exception {
        assertEquals(List.of(), load(List.of("--allowed-networks", ""), Map.of()).allowedNetworks());
    }

    @Test
    void toSfuConfigCarriesTheMediaSettings() throws Exception {
        ServerConfig c = load(List.of("--bind", "127.0.0.1", "--media-port", "10500", "--public-ip", "127.0.0.1",
                "--allowed-networks", "127.0.0.0/8", "--disconnect-timeout", "3s"), Map.of());
        SfuConfig sfu = c.toSfuConfig();
        assertEquals(new SfuConfig(InetAddress.getByName("127.0.0.1"), 10500, InetAddress.getByName("127.0.0.1"),
                List.of("127.0.0.0/8"), Duration.ofSeconds(3)), sfu);
    }

    @Test
    void errorsAreOneLineNamingSettingSourceAndProblem() throws Exception {
        assertError("invalid http-port \"70000\" (from option --http-port): must be 0-65535",
                List.of("--http-port", "70000"), Map.of());
        assertError("invalid media-port \"abc\" (from environment variable VIREO_MEDIA_PORT): must be a whole number"
                + " 0-65535", List.of(), Map.of("VIREO_MEDIA_PORT", "abc"));
        assertError("unknown option --htp-port (see --help)", List.of("--htp-port", "1"), Map.of());
        assertError("option --http-port needs a value (see --help)", List.of("--http-port"), Map.of());
        assertError("unexpected argument 'now' (options start with --; see --help)", List.of("now"), Map.of());
        assertError("invalid bind \"300.1.1.1\" (from option --bind): must be an IP address like 0.0.0.0 or"
                + " 127.0.0.1", List.of("--bind", "300.1.1.1"), Map.of());
        assertError("invalid public-ip \"vireo.example\" (from option --public-ip): must be an IP address like"
                + " 0.0.0.0 or 127.0.0.1", List.of("--public-ip", "vireo.example"), Map.of());
        assertError("config file not found: /nonexistent/vireo.conf (from --config)",
                List.of("--config", "/nonexistent/vireo.conf"), Map.of());
        assertError("config file not found: /nonexistent/env.conf (from VIREO_CONFIG)",
                List.of(), Map.of("VIREO_CONFIG", "/nonexistent/env.conf"));
        assertError("invalid allowed-networks \"10.0.0.0/8,10.0.0.0/40\" (from option --allowed-networks): has a bad"
                        + " CIDR block: prefix /40 is longer than 32 bits in '10.0.0.0/40'",
                List.of("--allowed-networks", "10.0.0.0/8,10.0.0.0/40"), Map.of());
        assertError("invalid allowed-networks \"lan\" (from option --allowed-networks): has a bad CIDR block: 'lan'"
                + " is not an IP address (like 0.0.0.0, 127.0.0.1 or ::1)", List.of("--allowed-networks", "lan"), Map.of());
        assertError("invalid disconnect-timeout \"10\" (from option --disconnect-timeout): must be a duration with a"
                + " unit, like 10s or 500ms", List.of("--disconnect-timeout", "10"), Map.of());
        assertError("http port and signaling port must differ, both are 8080",
                List.of("--signaling-port", "8080"), Map.of());
        assertError("signaling-port auto would be 65536 with http-port 65535; set --signaling-port",
                List.of("--http-port", "65535"), Map.of());
        assertError("invalid public-ip \"0.0.0.0\" (from option --public-ip): must be a specific address that"
                + " browsers can reach", List.of("--public-ip", "0.0.0.0"), Map.of());
        assertError("invalid max-message-bytes \"10\" (from option --max-message-bytes): must be 1024-16777216"
                + " bytes", List.of("--max-message-bytes", "10"), Map.of());
        assertError("invalid message-burst \"0\" (from environment variable VIREO_MESSAGE_BURST): must be 1-100000",
                List.of(), Map.of("VIREO_MESSAGE_BURST", "0"));
    }

    @Test
    void logLevelErrorListsTheChoices() {
        String message = error(List.of("--log-level", "LOUD"), Map.of());
        assertTrue(message.startsWith("invalid log-level \"LOUD\" (from option --log-level): must be one of SEVERE"),
                message);
    }

    @Test
    void fileErrorsNameTheFileAndLine() throws Exception {
        Path file = file("vireo {\n  media-port = 70000\n}\n");
        String message = error(List.of("--config", file.toString()), Map.of());
        assertTrue(message.startsWith("invalid media-port 70000 (from " + file + ": 2)"), message);

        file("vireo {\n  htp-port = 1\n}\n");
        message = error(List.of("--config", file.toString()), Map.of());
        assertTrue(message.startsWith("unknown setting 'vireo.htp-port' in " + file), message);

        file("vireo { http-port = ");
        message = error(List.of("--config", file.toString()), Map.of());
        assertTrue(message.startsWith("cannot read config file " + file + ": "), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void everyErrorIsASingleLine() {
        for (List<String> args : List.of(List.of("--http-port", "x\ny"), List.of("--bind", ""),
                List.of("--disconnect-timeout", "2 fortnights"), List.of("--data-dir", "a\u0000b"))) {
            String message = error(args, Map.of());
            assertFalse(message.isBlank());
            assertFalse(message.contains("\n") || message.contains("\u0000"), message);
        }
    }

    @Test
    void lastNIsOffByDefaultAndReachesTheMediaPlane() throws Exception {
        assertEquals(0, load(List.of(), Map.of()).lastN());
        ServerConfig c = load(List.of("--last-n", "4", "--media-port", "10500"), Map.of());
        assertEquals(4, c.lastN());
        assertEquals(4, c.toSfuConfig().lastN());
        assertEquals(2, load(List.of(), Map.of("VIREO_LAST_N", "2")).lastN());
        String message = error(List.of("--last-n", "-1"), Map.of());
        assertTrue(message.startsWith("invalid last-n \"-1\" (from option --last-n): must be"), message);
    }

    private static void assertError(String expected, List<String> args, Map<String, String> env) {
        assertEquals(expected, error(args, env));
    }

    private static String error(List<String> args, Map<String, String> env) {
        return assertThrows(InvalidConfigException.class, () -> load(args, env), args::toString).getMessage();
    }
}
