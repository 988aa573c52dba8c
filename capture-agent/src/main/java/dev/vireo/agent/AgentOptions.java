package dev.vireo.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's command line, validated once at start-up. Every option may also come from the environment
 * ({@code --status-port} from {@code VIREO_AGENT_STATUS_PORT}, and so on), which is how the systemd unit passes them;
 * the command line wins.
 *
 * @param server      Vireo's signaling URL ({@code ws://host:8081/}), or null with {@code whip}
 * @param whip        a WHIP endpoint URL (RFC 9725), or null with {@code server}
 * @param room        the room to publish into (Vireo signaling only)
 * @param token       the access token: {@code token} in Vireo's {@code join}, a Bearer token for WHIP; may be null
 * @param name        the participant name shown to viewers (Vireo signaling only)
 * @param source      where frames come from
 * @param bitrateBps  the encoder's ceiling; congestion control picks the actual rate below it
 * @param statusPort  the localhost port serving the status as JSON, or 0 for none
 */
public record AgentOptions(URI server, URI whip, String room, String token, String name, Source source, int width,
                           int height, int fps, int bitrateBps, Codec codec, boolean simulcast, Audio audio,
                           int statusPort, boolean listCameras) {

    /** Where frames come from: a camera (by index), the built-in test pattern, or an image file. */
    public record Source(Kind kind, int cameraIndex, String path) {
        public enum Kind { CAMERA, TEST_PATTERN, FILE }

        @Override
        public String toString() {
            return switch (kind) {
                case CAMERA -> "camera:" + cameraIndex;
                case TEST_PATTERN -> "test-pattern";
                case FILE -> "file:" + path;
            };
        }
    }

    public enum Codec { VP8, H264 }

    public enum Audio { NONE, TEST_TONE }

    /** A command line or setting the agent cannot run with; the message names the option. */
    public static final class InvalidOptionsException extends Exception {
        public InvalidOptionsException(String message) {
            super(message);
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");
    private static final Pattern BITRATE = Pattern.compile("(\\d+)([kKmM]?)");

    /** Options that take a value, and the environment variable that can give it. */
    private static final List<String> VALUED = List.of("--server", "--whip", "--room", "--token", "--name", "--source",
            "--size", "--fps", "--bitrate", "--codec", "--audio", "--status-port");

    public static String envName(String option) {
        return "VIREO_AGENT_" + option.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Parses {@code args} over {@code env}.
     *
     * @param defaultName the participant name when none is given (the box's host name)
     */
    public static AgentOptions parse(List<String> args, Map<String, String> env, String defaultName)
            throws InvalidOptionsException {
        Map<String, String> values = new java.util.HashMap<>();
        for (String option : VALUED) {
            String v = env.get(envName(option));
            if (v != null && !v.isBlank()) {
                values.put(option, v.trim());
            }
        }
        boolean simulcast = "true".equalsIgnoreCase(env.getOrDefault(envName("--simulcast"), ""));
        boolean listCameras = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String key = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                key = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (key.equals("--simulcast")) {
                simulcast = true;
            } else if (key.equals("--list-cameras")) {
                listCameras = true;
            } else if (VALUED.contains(key)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new InvalidOptionsException(key + " needs a value");
                    }
                    value = args.get(++i);
                }
                values.put(key, value);
            } else {
                throw new InvalidOptionsException("unknown option '" + arg + "' (try --help)");
            }
        }
        return build(values, simulcast, listCameras, defaultName);
    }

    private static AgentOptions build(Map<String, String> v, boolean simulcast, boolean listCameras,
                                      String defaultName) throws InvalidOptionsException {
        URI server = v.containsKey("--server") ? uri("--server", v.get("--server"), "ws", "wss") : null;
        URI whip = v.containsKey("--whip") ? uri("--whip", v.get("--whip"), "http", "https") : null;
        String room = v.get("--room");
        if (!listCameras) {
            if ((server == null) == (whip == null)) {
                throw new InvalidOptionsException("give exactly one of --server URL or --whip URL");
            }
            if (server != null && room == null) {
                throw new InvalidOptionsException("--room is required with --server");
            }
            // Only what cannot be sent: which rooms exist and what a room may be called is the server's to say,
            // and its refusal stops the agent with the server's own words.
            if (room != null && (room.isEmpty() || room.chars().anyMatch(Character::isISOControl))) {
                throw new InvalidOptionsException("--room must not be empty or hold control characters");
            }
        }
        String name = v.getOrDefault("--name", defaultName).trim();
        if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidOptionsException("--name must be 1-64 characters without control characters");
        }
        String token = v.get("--token");
        if (token != null && (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
            throw new InvalidOptionsException("--token must be printable ASCII without spaces");
        }
        Source source = source(v.getOrDefault("--source", "camera"));
        Matcher size = SIZE.matcher(v.getOrDefault("--size", "1280x720"));
        if (!size.matches()) {
            throw new InvalidOptionsException("--size must look like 1280x720");
        }
        int width = Integer.parseInt(size.group(1));
        int height = Integer.parseInt(size.group(2));
        if (width < 16 || height < 16 || width > 3840 || height > 2160 || width % 2 != 0 || height % 2 != 0) {
            throw new InvalidOptionsException("--size must be even, from 16x16 to 3840x2160");
        }
        int fps = intIn("--fps", v.getOrDefault("--fps", "30"), 1, 60);
        Matcher rate = BITRATE.matcher(v.getOrDefault("--bitrate", "2500k"));
        if (!rate.matches()) {
            throw new InvalidOptionsException("--bitrate must look like 2500k, 3m or 800000");
        }
        long bps = Long.parseLong(rate.group(1)) * switch (rate.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            default -> 1L;
        };
        if (bps < 50_000 || bps > 50_000_000) {
            throw new InvalidOptionsException("--bitrate must be between 50k and 50m");
        }
        Codec codec = switch (v.getOrDefault("--codec", "vp8").toLowerCase(Locale.ROOT)) {
            case "vp8" -> Codec.VP8;
            case "h264" -> Codec.H264;
            default -> throw new InvalidOptionsException("--codec must be vp8 or h264");
        };
        Audio audio = switch (v.getOrDefault("--audio", "none").toLowerCase(Locale.ROOT)) {
            case "none" -> Audio.NONE;
            case "test-tone" -> Audio.TEST_TONE;
            default -> throw new InvalidOptionsException("--audio must be none or test-tone");
        };
        int statusPort = v.containsKey("--status-port") ? intIn("--status-port", v.get("--status-port"), 1, 65535) : 0;
        return new AgentOptions(server, whip, room, token, name, source, width, height, fps, (int) bps, codec,
                simulcast, audio, statusPort, listCameras);
    }

    private static Source source(String s) throws InvalidOptionsException {
        if (s.equals("test-pattern")) {
            return new Source(Source.Kind.TEST_PATTERN, 0, null);
        }
        if (s.equals("camera")) {
            return new Source(Source.Kind.CAMERA, 0, null);
        }
        if (s.startsWith("camera:")) {
            return new Source(Source.Kind.CAMERA, intIn("--source camera:INDEX", s.substring(7), 0, 63), null);
        }
        if (s.startsWith("file:") && s.length() > 5) {
            return new Source(Source.Kind.FILE, 0, s.substring(5));
        }
        throw new InvalidOptionsException("--source must be camera[:INDEX], test-pattern or file:PATH");
    }

    private static URI uri(String option, String s, String... schemes) throws InvalidOptionsException {
        try {
            URI u = new URI(s);
            if (u.getHost() == null || !List.of(schemes).contains(String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT))) {
                throw new InvalidOptionsException(option + " must be a " + String.join(" or ", schemes)
                        + " URL with a host, e.g. " + schemes[0] + "://camera-server:8081/");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidOptionsException(option + " is not a URL: " + e.getMessage());
        }
    }

    private static int intIn(String option, String s, int min, int max) throws InvalidOptionsException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new InvalidOptionsException(option + " must be a whole number from " + min + " to " + max);
    }

    public static String usage() {
        return """
                Usage: vireo agent --server ws://HOST:PORT/ --room ROOM [--token TOKEN] [options]
                       vireo agent --whip https://HOST/whip/ROOM [--token TOKEN] [options]
                       vireo agent --list-cameras

                Publishes a camera (or a test pattern, or an image file) as a WebRTC peer and keeps doing so:
                reconnects with backoff, picks a lost camera up again, exits only on a permanent refusal.

                Options (each also from the environment variable shown):
                  --server URL          Vireo signaling WebSocket URL             VIREO_AGENT_SERVER
                  --whip URL            publish to this WHIP endpoint instead     VIREO_AGENT_WHIP
                  --room ROOM           room to join (with --server)              VIREO_AGENT_ROOM
                  --token TOKEN         access token (join 'token', WHIP Bearer)  VIREO_AGENT_TOKEN
                  --name NAME           participant name [host name]              VIREO_AGENT_NAME
                  --source SRC          camera[:INDEX] | test-pattern | file:PATH [camera]
                                                                                  VIREO_AGENT_SOURCE
                  --size WxH            capture and send size [1280x720]          VIREO_AGENT_SIZE
                  --fps N               frames per second [30]                    VIREO_AGENT_FPS
                  --bitrate RATE        encoder ceiling, e.g. 2500k, 3m [2500k]   VIREO_AGENT_BITRATE
                  --codec vp8|h264      video codec [vp8]                         VIREO_AGENT_CODEC
                  --simulcast           send three layers (full, 1/2, 1/4 size)   VIREO_AGENT_SIMULCAST=true
                  --audio none|test-tone                                          VIREO_AGENT_AUDIO
                  --status-port N       serve status JSON on 127.0.0.1:N          VIREO_AGENT_STATUS_PORT
                  --list-cameras        list the cameras found and exit
                  --help                show this help

                Exit codes: 0 stopped by SIGTERM/Ctrl-C after leaving cleanly; 2 bad options;
                3 refused for good by the server (bad token, forbidden, unknown room, bad request).
                """;
    }
}
