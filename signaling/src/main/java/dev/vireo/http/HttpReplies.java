package dev.vireo.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How every HTTP answer of Vireo is written: JSON bodies, errors as {@code {"error":CODE,"message":..,"field":..}},
 * no sniffing, and request bodies read with a size limit.
 */
public final class HttpReplies {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** The body of every error answer; {@code field} names the request field at fault, when there is one. */
    public record ErrorBody(String error, String message, String field) {
    }

    /** A request body over its limit. */
    public static final class BodyTooLargeException extends IOException {
        public BodyTooLargeException(int limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private HttpReplies() {
    }

    public static Gson gson() {
        return GSON;
    }

    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "application/json; charset=utf-8", GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    public static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        json(exchange, status, new ErrorBody(code, message, null));
    }

    /** A 400-style error about one field of the request. */
    public static void fieldError(HttpExchange exchange, int status, String code, String field, String message)
            throws IOException {
        json(exchange, status, new ErrorBody(code, message, field));
    }

    /** Sends {@code body} (HEAD gets the headers only); an empty body is sent as no body. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The request body, refusing more than {@code limit} bytes. */
    public static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return body;
        }
    }
}
