package dev.vireo.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.vireo.auth.Tokens;
import dev.vireo.turn.TurnServers;
import java.io.File;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/**
 * Builds a {@link ServerConfig} from four layers, lowest precedence first: {@code reference.conf} (the defaults),
 * the {@code --config} file, {@code VIREO_*} environment variables, command-line options. Every value keeps its
 * origin so an error can say where a bad value came from.
 */
final class ConfigLoader {
    static final String CONFIG_FLAG = "--config";
    static final String CONFIG_ENV = "VIREO_CONFIG";
    private static final String AUTO = "auto";

    private ConfigLoader() {
    }

    static ServerConfig load(List<String> args, Map<String, String> env) throws InvalidConfigException {
        Config flags = ConfigFactory.empty();
        String configFile = env.get(CONFIG_ENV);
        String configOrigin = CONFIG_ENV;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new InvalidConfigException("unexpected argument '" + arg + "' (options start with --; see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Setting setting = Setting.byKey(name.substring(2));
            if (setting == null && !name.equals(CONFIG_FLAG)) {
                throw new InvalidConfigException("unknown option " + name + " (see --help)");
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new InvalidConfigException("option " + name + " needs a value (see --help)");
            }
            if (setting == null) {
                configFile = value;
                configOrigin = CONFIG_FLAG;
            } else {
                // Later options win, like most command lines.
                flags = layer(setting, value, "option " + setting.flag()).withFallback(flags);
            }
        }
        Config environment = ConfigFactory.empty();
        for (Setting setting : Setting.values()) {
            String value = env.get(setting.envName());
            if (value != null) {
                environment = environment.withFallback(layer(setting, value, "environment variable " + setting.envName()));
            }
        }
        Config file = configFile == null ? ConfigFactory.empty() : readFile(configFile, configOrigin);
        Config merged;
        try {
            merged = flags.withFallback(environment).withFallback(file).withFallback(defaults()).resolve();
        } catch (ConfigException e) {
            throw new InvalidConfigException("invalid settings: " + e.getMessage());
        }
        return build(merged.getConfig("vireo"));
    }

    /** The defaults, for the help text. */
    static Config defaults() {
        return ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader()).withOnlyPath("vireo");
    }

    private static Config layer(Setting setting, String value, String origin) {
        return ConfigFactory.parseMap(Map.of(setting.path(), value), origin);
    }

    private static Config readFile(String name, String origin) throws InvalidConfigException {
        File file = new File(name);
        if (!file.isFile()) {
            throw new InvalidConfigException("config file not found: " + name + " (from " + origin + ")");
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file,
                    ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            throw new InvalidConfigException("cannot read config file " + name + ": " + e.getMessage());
        }
        if (!config.hasPath("vireo")) {
            return config;
        }
        ConfigValue root = config.getValue("vireo");
        if (root.valueType() != ConfigValueType.OBJECT) {
            throw new InvalidConfigException("'vireo' must be an object in " + name);
        }
        for (String key : config.getConfig("vireo").root().keySet()) {
            if (Setting.byKey(key) == null) {
                throw new InvalidConfigException("unknown setting 'vireo." + key + "' in "
                        + config.getValue("vireo").origin().description() + " (see --help)");
            }
        }
        return config;
    }

    private static ServerConfig build(Config v) throws InvalidConfigException {
        InetAddress bind = address(v, Setting.BIND);
        int httpPort = port(v, Setting.HTTP_PORT);
        int signalingPort;
        if (isAuto(v, Setting.SIGNALING_PORT)) {
            signalingPort = httpPort == 0 ? 0 : httpPort + 1;
            if (signalingPort > 65535) {
                throw new InvalidConfigException("signaling-port auto would be 65536 with http-port 65535; set "
                        + Setting.SIGNALING_PORT.flag());
            }
        } else {
            signalingPort = port(v, Setting.SIGNALING_PORT);
        }
        int mediaPort = port(v, Setting.MEDIA_PORT);
        InetAddress publicIp = isAuto(v, Setting.PUBLIC_IP) ? Addresses.detectPublic(bind) : address(v, Setting.PUBLIC_IP);
        if (publicIp.isAnyLocalAddress()) {
            throw invalid(v, Setting.PUBLIC_IP, "must be a specific address that browsers can reach");
        }
        Path dataDir;
        try {
            dataDir = Path.of(string(v, Setting.DATA_DIR));
        } catch (InvalidPathException e) {
            throw invalid(v, Setting.DATA_DIR, "is not a valid path");
        }
        List<String> networks = networks(v);
        Duration disconnectTimeout = duration(v, Setting.DISCONNECT_TIMEOUT);
        Duration resumeGrace = duration(v, Setting.RESUME_GRACE);
        int maxMessageBytes = bytes(v, Setting.MAX_MESSAGE_BYTES);
        int messagesPerSecond = integer(v, Setting.MESSAGES_PER_SECOND, 1, 100_000);
        int messageBurst = integer(v, Setting.MESSAGE_BURST, 1, 100_000);
        Level logLevel = level(v);
        String tokenSecret = string(v, Setting.TOKEN_SECRET);
        if (!tokenSecret.isEmpty() && tokenSecret.getBytes(StandardCharsets.UTF_8).length < Tokens.MIN_SECRET_BYTES) {
            throw new InvalidConfigException("invalid " + Setting.TOKEN_SECRET.key + " (from "
                    + v.getValue(Setting.TOKEN_SECRET.key).origin().description() + "): must be at least "
                    + Tokens.MIN_SECRET_BYTES + " bytes");
        }
        ServerConfig.Access access = new ServerConfig.Access(string(v, Setting.ADMIN_KEY), tokenSecret,
                bool(v, Setting.OPEN_ROOMS));
        ServerConfig.Turn turn = turn(v);
        String databaseUrl = string(v, Setting.DATABASE_URL);
        if (!databaseUrl.isEmpty() && !databaseUrl.startsWith("jdbc:")) {
            throw invalid(v, Setting.DATABASE_URL, "must be a JDBC URL like jdbc:postgresql://host/vireo");
        }
        Duration openBefore = zeroOrDuration(v, Setting.MEETING_OPEN_BEFORE);
        Duration meetingGrace = zeroOrDuration(v, Setting.MEETING_GRACE);
        try {
            ServerConfig.Meetings meetings = new ServerConfig.Meetings(databaseUrl, openBefore, meetingGrace);
            return new ServerConfig(bind, httpPort, signalingPort, mediaPort, publicIp, dataDir, networks,
                    disconnectTimeout, resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access,
                    turn, meetings, integer(v, Setting.LAST_N, 0, ServerConfig.MAX_LAST_N));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
    }

    private static boolean isAuto(Config v, Setting s) {
        ConfigValue raw = v.getValue(s.key);
        return raw.valueType() == ConfigValueType.STRING && AUTO.equalsIgnoreCase(((String) raw.unwrapped()).strip());
    }

    private static String string(Config v, Setting s) throws InvalidConfigException {
        ConfigValue raw = v.getValue(s.key);
        if (raw.valueType() != ConfigValueType.STRING && raw.valueType() != ConfigValueType.NUMBER
                && raw.valueType() != ConfigValueType.BOOLEAN) {
            throw invalid(v, s, "must be a single value");
        }
        return String.valueOf(raw.unwrapped()).strip();
    }

    private static boolean bool(Config v, Setting s) throws InvalidConfigException {
        String text = string(v, s).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(v, s, "must be true or false");
        };
    }

    private static InetAddress address(Config v, Setting s) throws InvalidConfigException {
        try {
            return Addresses.parseLiteral(string(v, s));
        } catch (IllegalArgumentException e) {
            throw invalid(v, s, "must be an IP address like 0.0.0.0 or 127.0.0.1");
        }
    }

    private static int port(Config v, Setting s) throws InvalidConfigException {
        return integer(v, s, 0, 65535);
    }

    private static int integer(Config v, Setting s, int min, int max) throws InvalidConfigException {
        String text = string(v, s);
        if (!text.matches("-?\\d{1,9}")) {
            throw invalid(v, s, "must be a whole number " + min + "-" + max);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw invalid(v, s, "must be " + min + "-" + max);
        }
        return value;
    }

    private static Duration duration(Config v, Setting s) throws InvalidConfigException {
        // A bare number would silently mean milliseconds in HOCON; insist on a unit.
        if (!string(v, s).matches("\\d+(\\.\\d+)?\\s*[A-Za-z]+")) {
            throw invalid(v, s, "must be a duration with a unit, like 10s or 500ms");
        }
        try {
            return v.getDuration(s.key);
        } catch (ConfigException e) {
            throw invalid(v, s, "must be a duration with a unit, like 10s or 500ms");
        }
    }

    /** A duration with a unit, or a bare 0; at most {@link ServerConfig.Meetings#MAX_WINDOW}. */
    private static Duration zeroOrDuration(Config v, Setting s) throws InvalidConfigException {
        Duration d = string(v, s).equals("0") ? Duration.ZERO : duration(v, s);
        if (d.compareTo(ServerConfig.Meetings.MAX_WINDOW) > 0) {
            throw invalid(v, s, "must be at most 24h");
        }
        return d;
    }

    private static int bytes(Config v, Setting s) throws InvalidConfigException {
        long bytes;
        try {
            bytes = v.getBytes(s.key);
        } catch (ConfigException e) {
            throw invalid(v, s, "must be a size like 65536 or 64KiB");
        }
        if (bytes < ServerConfig.MIN_MESSAGE_BYTES || bytes > ServerConfig.MAX_MESSAGE_BYTES) {
            throw invalid(v, s, "must be " + ServerConfig.MIN_MESSAGE_BYTES + "-" + ServerConfig.MAX_MESSAGE_BYTES
                    + " bytes");
        }
        return (int) bytes;
    }

    private static List<String> networks(Config v) throws InvalidConfigException {
        Setting s = Setting.ALLOWED_NETWORKS;
        ConfigValue raw = v.getValue(s.key);
        List<String> items = new ArrayList<>();
        if (raw.valueType() == ConfigValueType.LIST) {
            for (Object item : v.getList(s.key).unwrapped()) {
                items.add(String.valueOf(item));
            }
        } else {
            for (String item : string(v, s).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        List<String> networks = new ArrayList<>();
        for (String item : items) {
            try {
                networks.add(Cidr.parse(item).toString());
            } catch (IllegalArgumentException e) {
                throw invalid(v, s, "has a bad CIDR block: " + e.getMessage());
            }
        }
        return networks;
    }

    private static Level level(Config v) throws InvalidConfigException {
        String name = string(v, Setting.LOG_LEVEL).toUpperCase(Locale.ROOT);
        switch (name) {
            case "ERROR": return Level.SEVERE;
            case "WARN": return Level.WARNING;
            case "DEBUG": return Level.FINE;
            case "TRACE": return Level.FINEST;
            default:
                try {
                    return Level.parse(name);
                } catch (IllegalArgumentException e) {
                    throw invalid(v, Setting.LOG_LEVEL, "must be one of SEVERE, WARNING, INFO, CONFIG, FINE, FINER,"
                            + " FINEST, ALL, OFF (or ERROR, WARN, DEBUG, TRACE)");
                }
        }
    }

    /** {@code invalid http-port "abc" (from option --http-port): must be ...}. */
    private static InvalidConfigException invalid(Config v, Setting s, String problem) {
        ConfigValue raw = v.getValue(s.key);
        String shown = raw.render(ConfigRenderOptions.concise());
        String origin = raw.origin().resource() != null ? raw.origin().resource() : raw.origin().description();
        return new InvalidConfigException("invalid " + s.key + " " + shown + " (from " + origin + "): " + problem);
    }

    private static ServerConfig.Turn turn(Config v) throws InvalidConfigException {
        List<String> urls = list(v, Setting.TURN_URLS);
        for (String url : urls) {
            try {
                TurnServers.scheme(url);
            } catch (IllegalArgumentException e) {
                throw invalid(v, Setting.TURN_URLS, e.getMessage());
            }
        }
        String secret = string(v, Setting.TURN_SECRET);
        boolean hasTurn = urls.stream().anyMatch(u -> u.toLowerCase(Locale.ROOT).startsWith("turn"));
        if (hasTurn && secret.isEmpty()) {
            throw invalid(v, Setting.TURN_URLS, "has turn: URLs but " + Setting.TURN_SECRET.key
                    + " is empty; set it to the TURN server's static-auth-secret");
        }
        Duration ttl = duration(v, Setting.TURN_TTL);
        if (ttl.compareTo(ServerConfig.Turn.MIN_TTL) < 0 || ttl.compareTo(ServerConfig.Turn.MAX_TTL) > 0) {
            throw invalid(v, Setting.TURN_TTL, "must be 1m-48h");
        }
        return new ServerConfig.Turn(urls, secret, ttl);
    }

    /** A list setting: a HOCON list, or one comma-separated string (environment, command line). */
    private static List<String> list(Config v, Setting s) throws InvalidConfigException {
        ConfigValue raw = v.getValue(s.key);
        List<String> items = new ArrayList<>();
        if (raw.valueType() == ConfigValueType.LIST) {
            for (Object item : v.getList(s.key).unwrapped()) {
                items.add(String.valueOf(item));
            }
        } else {
            for (String item : string(v, s).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
