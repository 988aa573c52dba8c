package dev.vireo.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vireo.sfu.SfuStats;
import dev.vireo.signaling.messages.IceServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side: the web client's files and a small JSON API.
 *
 * <pre>
 * GET /                   web/index.html
 * GET /room/{room}        web/room.html (the page reads the room from its URL)
 * GET /{file}             web/{file}
 * GET /api/health         {"status":"ok","version":..,"uptimeSeconds":..,"rooms":..,"participants":..,
 *                          "media":{"packetsReceived":..,"packetsForwarded":..,"srtpRejected":..,
 *                                   "overloadDrops":..,"queuedPackets":..}}
 * GET /api/client-config  {"signalingPort":..,"signalingPath":"/","iceServers":[]}
 * </pre>
 *
 * Errors are {@code {"error":"not-found","message":"..."}} with the matching status; methods other than GET and
 * HEAD get 405.
 */
public final class HttpFrontend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpFrontend.class.getName());
    private static final Pattern ROOM_PAGE = Pattern.compile("/room/([A-Za-z0-9_.\\-]{1,64})/?");
    private static final int THREADS = 4;

    /** {@code GET /api/health}. */
    record Health(String status, String version, long uptimeSeconds, int rooms, int participants, Media media) {
    }

    /**
     * The media plane's counters since start (see {@link SfuStats}): an operator watches {@code overloadDrops} grow
     * when the node is past saturation, and {@code srtpRejected} when peers send what does not authenticate.
     */
    record Media(long packetsReceived, long packetsForwarded, long srtpRejected, long overloadDrops,
                 int queuedPackets) {
    }

    /** {@code GET /api/client-config}: where the page finds signaling. */
    public record ClientConfig(int signalingPort, String signalingPath, List<IceServer> iceServers) {
        public ClientConfig {
            iceServers = List.copyOf(iceServers);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final StaticFiles files;
    private final Supplier<SfuStats> stats;
    private final ClientConfig clientConfig;
    private final String version;
    private final List<ApiRoute> routes;
    private final long startNanos = System.nanoTime();

    private HttpFrontend(HttpServer server, ExecutorService executor, StaticFiles files, Supplier<SfuStats> stats,
                         ClientConfig clientConfig, String version, List<ApiRoute> routes) {
        this.routes = List.copyOf(routes);
        this.server = server;
        this.executor = executor;
        this.files = files;
        this.stats = stats;
        this.clientConfig = clientConfig;
        this.version = version;
    }

    /**
     * Listens on {@code address} (port 0 picks a free one) and serves until {@link #close()}.
     *
     * @param stats  the media plane's counters, read on every health request
     * @param routes the features' own endpoints, offered every request in order before files are served
     */
    public static HttpFrontend start(InetSocketAddress address, StaticFiles files, Supplier<SfuStats> stats,
                                     ClientConfig clientConfig, String version, List<ApiRoute> routes)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "vireo-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpFrontend frontend = new HttpFrontend(server, executor, files, stats, clientConfig, version, routes);
        server.setExecutor(executor);
        server.createContext("/", frontend::handle);
        server.start();
        return frontend;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            for (ApiRoute route : routes) {
                if (route.handle(exchange, path)) {
                    return;
                }
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendError(exchange, 405, "method-not-allowed", method + " is not supported; use GET");
                return;
            }
            route(exchange, path);
        } catch (HttpReplies.BodyTooLargeException e) {
            sendError(exchange, 413, "too-large", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HTTP " + exchange.getRequestMethod() + " failed", e);
            try {
                sendError(exchange, 500, "internal", "the server failed to answer this request");
            } catch (IOException | RuntimeException alreadyAnswering) {
                // Headers may be out already; the client sees a cut-off response.
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/api/health")) {
            SfuStats now = stats.get();
            long uptime = (System.nanoTime() - startNanos) / 1_000_000_000L;
            sendJson(exchange, 200, new Health("ok", version, uptime, now.rooms(), now.participants(),
                    new Media(now.packetsReceived(), now.packetsForwarded(), now.srtpRejected(),
                            now.overloadDrops(), now.queuedPackets())));
            return;
        }
        if (path.equals("/api/client-config")) {
            sendJson(exchange, 200, clientConfig);
            return;
        }
        if (path.equals("/api") || path.startsWith("/api/")) {
            sendError(exchange, 404, "not-found", "no API endpoint " + path);
            return;
        }
        String file = path;
        if (path.equals("/")) {
            file = "/index.html";
        } else if (path.startsWith("/room/") || path.equals("/room")) {
            Matcher room = ROOM_PAGE.matcher(path);
            if (!room.matches()) {
                sendError(exchange, 404, "not-found", "room names are 1-64 characters of A-Z a-z 0-9 _ - .");
                return;
            }
            file = "/room.html";
        }
        Optional<StaticFiles.Resource> resource = files.find(file);
        if (resource.isEmpty()) {
            sendError(exchange, 404, "not-found", "no such file");
            return;
        }
        // The client is under active development: always revalidate rather than run a stale script.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, resource.get().contentType(), resource.get().body());
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        HttpReplies.json(exchange, status, body);
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        HttpReplies.error(exchange, status, code, message);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        HttpReplies.send(exchange, status, contentType, body);
    }
}
