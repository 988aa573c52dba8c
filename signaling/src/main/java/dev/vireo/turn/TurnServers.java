package dev.vireo.turn;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The ICE servers this Vireo node hands out: STUN and TURN URLs, with a fresh time-limited credential for the TURN
 * ones (see {@link TurnCredentials}) each time someone asks. Signaling puts them in {@code joined.iceServers};
 * WHIP and WHEP put them in {@code Link} headers ({@link #linkHeaders}).
 */
public final class TurnServers {
    /** Hands out nothing: clients use the SFU's own candidates only. */
    public static final TurnServers NONE = new TurnServers(List.of(), List.of(), null);

    /**
     * One {@code RTCIceServer}: {@code username} and {@code credential} are null for STUN.
     */
    public record Entry(List<String> urls, String username, String credential) {
        public Entry {
            urls = List.copyOf(urls);
        }

        /** Leaves the credential out. */
        @Override
        public String toString() {
            return "Entry[urls=" + urls + ", username=" + username + "]";
        }
    }

    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final TurnCredentials credentials;

    private TurnServers(List<String> stunUrls, List<String> turnUrls, TurnCredentials credentials) {
        this.stunUrls = List.copyOf(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        this.credentials = credentials;
    }

    /**
     * @param urls   {@code stun:}, {@code turn:} and {@code turns:} URLs (RFC 7064, RFC 7065)
     * @param secret the TURN server's {@code static-auth-secret}; required when a TURN URL is given
     * @param ttl    lifetime of each credential
     * @throws IllegalArgumentException for a malformed URL or a TURN URL without a secret
     */
    public static TurnServers of(List<String> urls, String secret, Duration ttl, Clock clock) {
        List<String> stun = new ArrayList<>();
        List<String> turn = new ArrayList<>();
        for (String url : urls) {
            String scheme = scheme(url);
            if (scheme.equals("stun") || scheme.equals("stuns")) {
                stun.add(url);
            } else {
                turn.add(url);
            }
        }
        if (stun.isEmpty() && turn.isEmpty()) {
            return NONE;
        }
        if (!turn.isEmpty() && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("TURN URLs need the TURN server's shared secret (turn-secret)");
        }
        TurnCredentials credentials = turn.isEmpty() ? null
                : new TurnCredentials(secret.getBytes(StandardCharsets.UTF_8), ttl, clock);
        return new TurnServers(stun, turn, credentials);
    }

    /**
     * Checks one URL: {@code stun:host[:port]}, {@code turn:host[:port][?transport=udp|tcp]} or {@code turns:...};
     * returns its scheme in lower case.
     */
    public static String scheme(String url) {
        Objects.requireNonNull(url, "url");
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!List.of("stun", "stuns", "turn", "turns").contains(scheme)) {
            throw new IllegalArgumentException("'" + url + "' is not a stun:, stuns:, turn: or turns: URL");
        }
        String rest = url.substring(colon + 1);
        int query = rest.indexOf('?');
        String host = query < 0 ? rest : rest.substring(0, query);
        if (host.isEmpty() || host.startsWith("//") || host.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '>')) {
            throw new IllegalArgumentException("'" + url + "' needs a host, like turn:turn.example.com:3478");
        }
        if (query >= 0) {
            String q = rest.substring(query + 1).toLowerCase(Locale.ROOT);
            if (!q.equals("transport=udp") && !q.equals("transport=tcp")) {
                throw new IllegalArgumentException("'" + url + "': the only query allowed is ?transport=udp or tcp");
            }
        }
        try {
            new URI(scheme, rest, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getReason());
        }
        return scheme;
    }

    /** Whether anything is handed out at all. */
    public boolean isEmpty() {
        return stunUrls.isEmpty() && turnUrls.isEmpty();
    }

    /** The ICE servers for {@code identity}: STUN without credentials, TURN with a fresh credential. */
    public List<Entry> forIdentity(String identity) {
        List<Entry> out = new ArrayList<>(2);
        if (!stunUrls.isEmpty()) {
            out.add(new Entry(stunUrls, null, null));
        }
        if (!turnUrls.isEmpty()) {
            TurnCredentials.Credential c = credentials.issue(identity);
            out.add(new Entry(turnUrls, c.username(), c.password()));
        }
        return out;
    }

    /**
     * The same ICE servers as {@code Link} header values for a WHIP or WHEP response (RFC 9725 section 4.6), one per
     * URL: {@code <turn:turn.example.net?transport=udp>; rel="ice-server"; username="..."; credential="...";
     * credential-type="password"}.
     */
    public List<String> linkHeaders(String identity) {
        List<String> out = new ArrayList<>();
        for (Entry entry : forIdentity(identity)) {
            for (String url : entry.urls()) {
                StringBuilder link = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
                if (entry.username() != null) {
                    link.append("; username=\"").append(quoted(entry.username())).append("\"; credential=\"")
                            .append(quoted(entry.credential())).append("\"; credential-type=\"password\"");
                }
                out.add(link.toString());
            }
        }
        return out;
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "TurnServers[stun=" + stunUrls + ", turn=" + turnUrls + ", " + credentials + "]";
    }
}
