package dev.vireo.server;

import java.util.Locale;

/** One server setting: its key in {@code reference.conf}, and how the command line and the environment name it. */
enum Setting {
    BIND("bind", "ADDRESS", "address every socket binds to (0.0.0.0 = all interfaces)"),
    HTTP_PORT("http-port", "PORT", "HTTP port for the web client and /api (0 = any free port)"),
    SIGNALING_PORT("signaling-port", "PORT", "WebSocket signaling port (auto = http-port + 1)"),
    MEDIA_PORT("media-port", "PORT", "the one UDP port for all media (0 = any free port)"),
    PUBLIC_IP("public-ip", "ADDRESS", "address advertised in ICE candidates (auto = detected)"),
    DATA_DIR("data-dir", "DIR", "where the server keeps state on disk"),
    ALLOWED_NETWORKS("allowed-networks", "CIDRS", "comma-separated CIDR blocks media may come from (empty = any)"),
    DISCONNECT_TIMEOUT("disconnect-timeout", "DURATION", "silence after which a participant's media is dropped"),
    RESUME_GRACE("resume-grace", "DURATION", "how long a dropped client's participant waits for it to resume"),
    MAX_MESSAGE_BYTES("max-message-bytes", "BYTES", "largest signaling message accepted"),
    MESSAGES_PER_SECOND("messages-per-second", "N", "signaling messages per connection per second"),
    MESSAGE_BURST("message-burst", "N", "signaling messages a connection may send at once"),
    ADMIN_KEY("admin-key", "KEY", "key REST calls that create or stop things must present (empty = <data-dir>/admin-key)"),
    TOKEN_SECRET("token-secret", "SECRET", "HS256 secret of access tokens, >= 32 bytes (empty = <data-dir>/token-secret)"),
    OPEN_ROOMS("open-rooms", "BOOL", "whether ad-hoc meeting rooms can be joined without a token"),
    LOG_LEVEL("log-level", "LEVEL", "SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST (or ERROR, WARN, DEBUG, TRACE)"),
    TURN_URLS("turn-urls", "URLS", "comma-separated stun:/turn:/turns: URLs handed to clients on join (empty = none)"),
    TURN_SECRET("turn-secret", "SECRET", "the TURN server's static-auth-secret, for time-limited credentials"),
    TURN_TTL("turn-ttl", "DURATION", "how long a handed-out TURN credential stays valid"),
    DATABASE_URL("database-url", "JDBC-URL", "JDBC URL of the meetings database (empty = SQLite in <data-dir>)"),
    MEETING_OPEN_BEFORE("meeting-open-before", "DURATION", "how long before a meeting starts its room opens"),
    MEETING_GRACE("meeting-grace", "DURATION", "how long after a meeting ends its room still accepts joins"),
    LAST_N("last-n", "N", "videos each participant receives, most recent speakers first (0 = everyone's)");

    final String key;
    final String metavar;
    final String description;

    Setting(String key, String metavar, String description) {
        this.key = key;
        this.metavar = metavar;
        this.description = description;
    }

    String path() {
        return "vireo." + key;
    }

    String flag() {
        return "--" + key;
    }

    String envName() {
        return "VIREO_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
