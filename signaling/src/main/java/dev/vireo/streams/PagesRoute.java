package dev.vireo.streams;

import com.sun.net.httpserver.HttpExchange;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.HttpReplies;
import dev.vireo.http.StaticFiles;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The broadcast pages: {@code /live/{room}} (the host), {@code /watch/{room}} (viewers), {@code /streams} (the list). */
public final class PagesRoute implements ApiRoute {
    private static final Pattern ROOM_PAGE = Pattern.compile("/(live|watch)/[A-Za-z0-9_.-]{1,64}");

    private final StaticFiles files;

    public PagesRoute(StaticFiles files) {
        this.files = files;
    }

    @Override
    public boolean handle(HttpExchange exchange, String path) throws IOException {
        String file;
        if (path.equals("/streams")) {
            file = "/streams.html";
        } else if (path.startsWith("/live/") || path.startsWith("/watch/")) {
            if (!ROOM_PAGE.matcher(path).matches()) {
                HttpReplies.error(exchange, 404, "not-found", "room names are 1-64 characters of A-Z a-z 0-9 _ - .");
                return true;
            }
            file = path.startsWith("/live/") ? "/live.html" : "/watch.html";
        } else {
            return false;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpReplies.error(exchange, 405, "method-not-allowed", method + " is not supported; use GET");
            return true;
        }
        Optional<StaticFiles.Resource> page = files.find(file);
        if (page.isEmpty()) {
            HttpReplies.error(exchange, 404, "not-found", "no such file");
            return true;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        HttpReplies.send(exchange, 200, page.get().contentType(), page.get().body());
        return true;
    }
}
