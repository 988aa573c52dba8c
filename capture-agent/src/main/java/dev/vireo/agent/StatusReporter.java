package dev.vireo.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.vireo.agent.rtc.PublishConnection;
import dev.vireo.agent.rtc.SendStats;

/**
 * Samples getStats every {@value #SAMPLE_SECONDS} s into the {@link StatusBoard}, logs the status line every
 * {@value #LOG_SECONDS} s, and with a port serves the board as JSON on 127.0.0.1 (any path, GET).
 */
final class StatusReporter implements AutoCloseable {
    static final int SAMPLE_SECONDS = 2;
    static final int LOG_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger("dev.vireo.agent.status");

    private final StatusBoard board;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer http;
    private SendStats.Sample previous;
    private PublishConnection previousConnection;
    private int ticks;

    StatusReporter(StatusBoard board, int port) throws IOException {
        this.board = board;
        if (port > 0) {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
            http.createContext("/", this::serve);
            http.start();
        } else {
            http = null;
        }
    }

    void start() {
        clock.scheduleAtFixedRate(this::tick, SAMPLE_SECONDS, SAMPLE_SECONDS, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            PublishConnection pc = board.connection();
            if (pc != null && board.state() == StatusBoard.State.PUBLISHING) {
                SendStats.Sample now = pc.stats().get(2, TimeUnit.SECONDS);
                if (previous != null && pc == previousConnection) {
                    board.figures(now, previous);
                }
                previous = now;
                previousConnection = pc;
            }
            if (++ticks % (LOG_SECONDS / SAMPLE_SECONDS) == 0) {
                LOG.info(board.line());
            }
        } catch (Exception e) {
            LOG.fine("stats: " + e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean get = exchange.getRequestMethod().equals("GET");
            byte[] body = (get ? board.json().toString() : "{\"error\":\"method-not-allowed\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(get ? 200 : 405, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        if (http != null) {
            http.stop(0);
        }
    }
}
