package dev.vireo.agent.signal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.onvoid.webrtc.RTCPeerConnectionState;

import dev.vireo.agent.AgentOptions;
import dev.vireo.agent.StatusBoard;
import dev.vireo.agent.rtc.MediaEngine;
import dev.vireo.agent.rtc.PublishConnection;

/**
 * A plain WHIP client (RFC 9725): POST the offer as {@code application/sdp} with {@code Authorization: Bearer},
 * expect 201 with the answer and a {@code Location}; candidates found after the POST go out as PATCH
 * {@code application/trickle-ice-sdpfrag} (RFC 8840) to that resource; DELETE it on exit. The offer waits up to
 * {@value #GATHER_MILLIS} ms for gathering, so servers without trickle support get every host candidate.
 *
 * <p>WHIP has no channel on which the server could say it went away: a restarted server is noticed when ICE
 * consent fails (DISCONNECTED for {@value #DISCONNECTED_GRACE_MILLIS} ms), and the agent POSTs again.
 */
public final class WhipSession implements PublishSession {
    private static final Logger LOG = Logger.getLogger(WhipSession.class.getName());
    private static final long GATHER_MILLIS = 1500;
    private static final long DISCONNECTED_GRACE_MILLIS = 4000;

    private final AgentOptions options;
    private final MediaEngine engine;
    private final StatusBoard board;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile boolean stopping;

    private record Candidate(String line, String mid) {
    }

    public WhipSession(AgentOptions options, MediaEngine engine, StatusBoard board) {
        this.options = options;
        this.engine = engine;
        this.board = board;
    }

    @Override
    public String publish() throws Exception {
        events.clear();
        board.state(StatusBoard.State.CONNECTING);
        PublishConnection pc = new PublishConnection(engine, options, List.of(), new PublishConnection.Listener() {
            @Override
            public void onCandidate(String candidate, String mid, int mLineIndex) {
                events.add(new Candidate(candidate, mid));
            }

            @Override
            public void onStateChange(RTCPeerConnectionState state) {
                events.add(state);
            }
        });
        URI resource = null;
        try {
            pc.createOffer().get(5, TimeUnit.SECONDS);
            pc.awaitGathered(GATHER_MILLIS);
            events.removeIf(e -> e instanceof Candidate);  // already in the offer
            String offer = pc.localSdp();
            HttpResponse<String> answer = http.send(request(options.whip())
                    .header("Content-Type", "application/sdp")
                    .POST(HttpRequest.BodyPublishers.ofString(offer)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                String body = answer.body() == null ? "" : answer.body().strip();
                String why = "WHIP POST answered " + answer.statusCode()
                        + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
                if (Refusals.isPermanentHttpStatus(answer.statusCode())) {
                    throw new PermanentRefusal(why);
                }
                return why;
            }
            resource = options.whip().resolve(answer.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("WHIP 201 without Location")));
            board.state(StatusBoard.State.NEGOTIATING);
            board.connection(pc);
            pc.applyAnswer(answer.body()).get(5, TimeUnit.SECONDS);
            return run(pc, resource, offer);
        } finally {
            board.connection(null);
            if (resource != null) {
                delete(resource);
            }
            pc.close();
        }
    }

    private String run(PublishConnection pc, URI resource, String offer) throws Exception {
        long disconnectedAt = -1;
        while (!stopping) {
            Object e = events.poll(500, TimeUnit.MILLISECONDS);
            if (disconnectedAt > 0 && System.currentTimeMillis() - disconnectedAt > DISCONNECTED_GRACE_MILLIS) {
                return "media disconnected for " + DISCONNECTED_GRACE_MILLIS + " ms";
            }
            if (e instanceof Candidate c && c.line() != null && !c.line().isEmpty()) {
                patch(resource, offer, c);
            } else if (e instanceof RTCPeerConnectionState s) {
                switch (s) {
                    case CONNECTED -> {
                        disconnectedAt = -1;
                        board.state(StatusBoard.State.PUBLISHING);
                        LOG.info("publishing to " + options.whip());
                    }
                    case DISCONNECTED -> disconnectedAt = System.currentTimeMillis();
                    case FAILED -> {
                        return "media connection failed";
                    }
                    default -> {
                    }
                }
            }
        }
        return "stopped";
    }

    /** A trickled candidate as an SDP fragment: the offer's ICE credentials, the m-line's mid, the candidate. */
    private void patch(URI resource, String offer, Candidate c) {
        StringBuilder frag = new StringBuilder();
        offer.lines().filter(l -> l.startsWith("a=ice-ufrag:") || l.startsWith("a=ice-pwd:")).distinct().limit(2)
                .forEach(l -> frag.append(l).append("\r\n"));
        frag.append("m=video 9 UDP/TLS/RTP/SAVPF 0\r\n").append("a=mid:").append(c.mid()).append("\r\n");
        frag.append("a=").append(c.line()).append("\r\n");
        try {
            HttpResponse<Void> r = http.send(request(resource)
                    .header("Content-Type", "application/trickle-ice-sdpfrag")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(frag.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                LOG.fine("WHIP PATCH answered " + r.statusCode());
            }
        } catch (Exception e) {
            LOG.fine("WHIP PATCH failed: " + e);
        }
    }

    private void delete(URI resource) {
        try {
            http.send(request(resource).DELETE().timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            LOG.fine("WHIP DELETE failed: " + e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (options.token() != null) {
            b.header("Authorization", "Bearer " + options.token());
        }
        return b;
    }

    @Override
    public void stop() {
        stopping = true;
        events.add(Boolean.TRUE);
    }
}
