package dev.vireo.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * One feature's part of the HTTP surface (the streams API, WHIP, the meetings API...). {@link HttpFrontend} offers
 * every request to its routes in order before it serves files; a route answers with {@link HttpReplies}.
 */
public interface ApiRoute {
    /**
     * Answers the request when {@code path} is this route's, whatever its method (a route answers 405 itself for
     * methods it does not support).
     *
     * @return false when the path is not this route's, and nothing was sent
     */
    boolean handle(HttpExchange exchange, String path) throws IOException;
}
