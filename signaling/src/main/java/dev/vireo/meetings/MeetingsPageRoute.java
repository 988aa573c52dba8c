package dev.vireo.meetings;

import com.sun.net.httpserver.HttpExchange;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.HttpReplies;
import java.io.IOException;

/** {@code /meetings}: the scheduling page, which is the static file {@code /meetings.html}. */
public final class MeetingsPageRoute implements ApiRoute {
    @Override
    public boolean handle(HttpExchange exchange, String path) throws IOException {
        if (!path.equals("/meetings") && !path.equals("/meetings/")) {
            return false;
        }
        exchange.getResponseHeaders().set("Location", "/meetings.html");
        HttpReplies.send(exchange, 302, null, new byte[0]);
        return true;
    }
}
