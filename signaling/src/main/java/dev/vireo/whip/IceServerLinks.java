package dev.vireo.whip;

import dev.vireo.signaling.messages.IceServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE servers a WHIP or WHEP client should use, as {@code Link} header values (RFC 9725 §4.6):
 * {@code <turn:host:3478>; rel="ice-server"; username="u"; credential="p"; credential-type="password"}.
 */
public final class IceServerLinks {
    private IceServerLinks() {
    }

    /** One value per URL, in order. */
    public static List<String> of(List<IceServer> servers) {
        List<String> out = new ArrayList<>();
        for (IceServer server : servers) {
            for (String url : server.urls()) {
                StringBuilder link = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
                if (server.username() != null && server.credential() != null) {
                    link.append("; username=\"").append(quoted(server.username())).append('"');
                    link.append("; credential=\"").append(quoted(server.credential())).append('"');
                    link.append("; credential-type=\"password\"");
                }
                out.add(link.toString());
            }
        }
        return out;
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
