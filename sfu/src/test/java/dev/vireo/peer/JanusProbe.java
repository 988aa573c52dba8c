package dev.vireo.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;

/**
 * Interop probe, not a unit test: one publisher and one subscriber PeerTransport through a running Janus 1.1.x
 * VideoRoom over its HTTP API on 127.0.0.1 (see ../shared/bench/janus/prepare.sh). Prints what Janus negotiated
 * (DTLS role, ICE role, candidates, SRTP profile) and whether RTP made it through.
 *
 * <pre>mvn -o -q -pl sfu test-compile exec:java ... or: java -cp target/test-classes:target/classes:DEPS
 *     dev.vireo.peer.JanusProbe http://127.0.0.1:8088/janus</pre>
 */
public final class JanusProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final AtomicInteger TX = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8088/janus";
        DtlsCertificate certificate = DtlsCertificate.generate();
        BufferPool pool = new BufferPool(1024);
        try (PeerReactor reactor = new PeerReactor("janus-probe")) {
            // --- publisher ---
            String session = id(post(base, "{\"janus\":\"create\",\"transaction\":\"" + tx() + "\"}"));
            String pubHandle = id(post(base + "/" + session,
                    "{\"janus\":\"attach\",\"plugin\":\"janus.plugin.videoroom\",\"transaction\":\"" + tx() + "\"}"));
            post(base + "/" + session + "/" + pubHandle, "{\"janus\":\"message\",\"transaction\":\"" + tx()
                    + "\",\"body\":{\"request\":\"join\",\"ptype\":\"publisher\",\"room\":1234}}");
            String joined = awaitEvent(base, session, "\"joined\"");
            String publisherId = group(joined, "\"id\":\\s*(\\d+)");
            System.out.println("publisher id " + publisherId);

            CountDownLatch pubConnected = new CountDownLatch(1);
            PeerTransport pub = reactor.newTransport(certificate, listener("publisher", pubConnected), null);
            String offer = publishOffer(pub);
            post(base + "/" + session + "/" + pubHandle, "{\"janus\":\"message\",\"transaction\":\"" + tx()
                    + "\",\"body\":{\"request\":\"publish\",\"audio\":false,\"video\":true},\"jsep\":{\"type\":\"offer\","
                    + "\"sdp\":\"" + escape(offer) + "\"}}");
            String answerEvent = awaitEvent(base, session, "\"answer\"");
            String answer = unescape(group(answerEvent, "\"sdp\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\""));
            System.out.println("--- Janus answer to the publisher ---\n" + answer);
            Sdp a = Sdp.of(answer);
            boolean pubDtlsClient = !a.setup.equals("active");
            System.out.println("Janus setup:" + a.setup + " -> our DTLS role " + (pubDtlsClient ? "client" : "server")
                    + "; candidates " + a.candidates);
            pub.connect(a.ufrag, a.pwd, a.candidates, a.fingerprint, pubDtlsClient);
            if (!pubConnected.await(15, TimeUnit.SECONDS)) {
                throw new AssertionError("publisher did not connect: " + pub.state() + " " + pub.failureReason());
            }
            System.out.println("publisher connected in " + pub.connectNanos() / 1_000_000 + " ms, ICE controlling="
                    + pub.iceControlling() + ", SRTP " + pub.srtpProfile() + ", Janus at " + pub.remoteAddress());

            // --- subscribers, each on its own Janus session so that their events do not mix ---
            int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
            AtomicInteger received = new AtomicInteger();
            CountDownLatch gotMedia = new CountDownLatch(20);
            List<PeerTransport> subs = new ArrayList<>();
            List<Long> joinMillis = new ArrayList<>();
            CountDownLatch subsConnected = new CountDownLatch(subscribers);
            for (int s = 0; s < subscribers; s++) {
                long joinStart = System.nanoTime();
                String subSession = id(post(base, "{\"janus\":\"create\",\"transaction\":\"" + tx() + "\"}"));
                String subHandle = id(post(base + "/" + subSession, "{\"janus\":\"attach\",\"plugin\":"
                        + "\"janus.plugin.videoroom\",\"transaction\":\"" + tx() + "\"}"));
                post(base + "/" + subSession + "/" + subHandle, "{\"janus\":\"message\",\"transaction\":\"" + tx()
                        + "\",\"body\":{\"request\":\"join\",\"ptype\":\"subscriber\",\"room\":1234,"
                        + "\"streams\":[{\"feed\":" + publisherId + "}]}}");
                String offerEvent = awaitEvent(base, subSession, "\"offer\"");
                String janusOffer = unescape(group(offerEvent, "\"sdp\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\""));
                if (s == 0) {
                    System.out.println("--- Janus offer to the subscriber ---\n" + janusOffer);
                }
                Sdp o = Sdp.of(janusOffer);
                CountDownLatch subConnected = new CountDownLatch(1);
                PeerTransport sub = reactor.newTransport(certificate, new PeerTransport.Listener() {
                    @Override
                    public void onConnected(PeerTransport t) {
                        synchronized (joinMillis) {
                            joinMillis.add((System.nanoTime() - joinStart) / 1_000_000);
                        }
                        subConnected.countDown();
                        subsConnected.countDown();
                    }

                    @Override
                    public void onFailed(PeerTransport t, String reason) {
                        System.out.println("subscriber failed: " + reason);
                    }
                }, new PeerTransport.MediaHandler() {
                    @Override
                    public void onRtp(PacketBuffer p) {
                        received.incrementAndGet();
                        gotMedia.countDown();
                        p.release();
                    }

                    @Override
                    public void onRtcp(PacketBuffer p) {
                        p.release();
                    }
                });
                String subAnswer = subscribeAnswer(sub, o);
                post(base + "/" + subSession + "/" + subHandle, "{\"janus\":\"message\",\"transaction\":\"" + tx()
                        + "\",\"body\":{\"request\":\"start\",\"room\":1234},\"jsep\":{\"type\":\"answer\","
                        + "\"sdp\":\"" + escape(subAnswer) + "\"}}");
                // Janus offered, yet its libnice agent is the controlled one here: we stay controlling
                sub.connect(o.ufrag, o.pwd, o.candidates, o.fingerprint, true);
                subs.add(sub);
            }
            if (!subsConnected.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError(subsConnected.getCount() + " subscribers did not connect");
            }
            List<Long> sorted = new ArrayList<>(joinMillis);
            java.util.Collections.sort(sorted);
            PeerTransport sub = subs.get(0);
            System.out.println(subscribers + " subscriber(s) connected; join ms (HTTP signalling + ICE + DTLS) p50 "
                    + sorted.get(sorted.size() / 2) + " p95 " + sorted.get(Math.min(sorted.size() - 1,
                    sorted.size() * 95 / 100)) + " max " + sorted.get(sorted.size() - 1) + "; first: ICE controlling="
                    + sub.iceControlling() + ", SRTP " + sub.srtpProfile());

            // --- media: 100 VP8-looking packets at 100 pps ---
            int sent = 0;
            for (int i = 0; i < 200 && (gotMedia.getCount() > 0 || i < 100); i++) {
                byte[] rtp = vp8(i, 0x1234567, i == 0);
                pub.sendRtp(pool.take().copyFrom(rtp, 0, rtp.length));
                sent++;
                Thread.sleep(10);
            }
            Thread.sleep(500);
            long perSubscriberMin = Long.MAX_VALUE;
            for (PeerTransport s : subs) {
                perSubscriberMin = Math.min(perSubscriberMin, s.packetsReceived());
            }
            System.out.println(sent + " sent; least any subscriber received (RTP+RTCP datagrams): " + perSubscriberMin);
            System.out.println("publisher sent " + pub.packetsSent() + ", subscriber received " + received.get()
                    + " RTP (" + sub.packetsReceived() + " SRTP/SRTCP datagrams, " + sub.srtpAuthFailures()
                    + " auth failures)");
            int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 0;
            if (holdSeconds > 0) {
                // consent: Janus (libnice) must keep answering our checks and we theirs
                int before = received.get();
                for (int i = 0; i < holdSeconds * 10; i++) {
                    byte[] rtp = vp8(200 + i, 0x1234567, false);
                    pub.sendRtp(pool.take().copyFrom(rtp, 0, rtp.length));
                    Thread.sleep(100);
                }
                System.out.println("after " + holdSeconds + " s: publisher " + pub.state() + ", subscriber "
                        + subs.get(0).state() + ", " + (received.get() - before) + " more RTP received");
            }
            pub.close();
            subs.forEach(PeerTransport::close);
            post(base + "/" + session, "{\"janus\":\"destroy\",\"transaction\":\"" + tx() + "\"}");
            System.exit(0);
        }
    }

    private static PeerTransport.Listener listener(String name, CountDownLatch connected) {
        return new PeerTransport.Listener() {
            @Override
            public void onConnected(PeerTransport t) {
                connected.countDown();
            }

            @Override
            public void onFailed(PeerTransport t, String reason) {
                System.out.println(name + " failed: " + reason);
            }
        };
    }

    static String publishOffer(PeerTransport t) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=msid-semantic: WMS s\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 127.0.0.1\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:" + t.localUfrag() + "\r\na=ice-pwd:" + t.localPassword() + "\r\n"
                + "a=fingerprint:" + t.fingerprint() + "\r\na=setup:actpass\r\na=mid:0\r\na=sendonly\r\n"
                + "a=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n"
                + "a=ssrc:19088743 cname:probe\r\na=ssrc:19088743 msid:s v\r\n"
                + "a=" + t.localCandidate() + "\r\na=end-of-candidates\r\n";
    }

    static String subscribeAnswer(PeerTransport t, Sdp offer) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sb.append("a=group:BUNDLE ").append(String.join(" ", offer.mids)).append("\r\n");
        for (int i = 0; i < offer.mLines.size(); i++) {
            String m = offer.mLines.get(i);
            String pt = m.split(" ")[3];
            sb.append(m).append("\r\nc=IN IP4 127.0.0.1\r\n")
                    .append("a=ice-ufrag:").append(t.localUfrag()).append("\r\na=ice-pwd:").append(t.localPassword())
                    .append("\r\na=fingerprint:").append(t.fingerprint()).append("\r\na=setup:active\r\na=mid:")
                    .append(offer.mids.get(i)).append("\r\na=recvonly\r\na=rtcp-mux\r\n");
            for (String line : offer.rtpmaps) {
                if (line.startsWith("a=rtpmap:" + pt + " ")) {
                    sb.append(line).append("\r\n");
                }
            }
            if (i == 0) {
                sb.append("a=").append(t.localCandidate()).append("\r\na=end-of-candidates\r\n");
            }
        }
        return sb.toString();
    }

    /** What this probe needs from an SDP. */
    record Sdp(String ufrag, String pwd, String fingerprint, String setup, List<String> candidates, List<String> mids,
               List<String> mLines, List<String> rtpmaps) {
        static Sdp of(String sdp) {
            String ufrag = null;
            String pwd = null;
            String fingerprint = null;
            String setup = null;
            List<String> candidates = new ArrayList<>();
            List<String> mids = new ArrayList<>();
            List<String> mLines = new ArrayList<>();
            List<String> rtpmaps = new ArrayList<>();
            for (String line : sdp.split("\r?\n")) {
                if (line.startsWith("a=ice-ufrag:")) {
                    ufrag = line.substring(12);
                } else if (line.startsWith("a=ice-pwd:")) {
                    pwd = line.substring(10);
                } else if (line.startsWith("a=fingerprint:")) {
                    fingerprint = line.substring(14);
                } else if (line.startsWith("a=setup:")) {
                    setup = line.substring(8);
                } else if (line.startsWith("a=candidate:")) {
                    candidates.add(line.substring(2));
                } else if (line.startsWith("a=mid:")) {
                    mids.add(line.substring(6));
                } else if (line.startsWith("m=")) {
                    mLines.add(line);
                } else if (line.startsWith("a=rtpmap:")) {
                    rtpmaps.add(line);
                }
            }
            return new Sdp(ufrag, pwd, fingerprint, setup, candidates, mids, mLines, rtpmaps);
        }
    }

    static byte[] vp8(int seq, int ssrc, boolean keyframe) {
        byte[] p = new byte[12 + 1000];
        p[0] = (byte) 0x80;
        p[1] = (byte) (96 | 0x80);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        int ts = seq * 3000;
        p[4] = (byte) (ts >>> 24);
        p[5] = (byte) (ts >>> 16);
        p[6] = (byte) (ts >>> 8);
        p[7] = (byte) ts;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        p[12] = 0x10; // VP8 payload descriptor: start of partition 0
        // VP8 frame tag: keyframe bit 0 = key; then start code 9d 01 2a and 320x180
        p[13] = (byte) (keyframe ? 0x00 : 0x01);
        p[16] = (byte) 0x9d;
        p[17] = 0x01;
        p[18] = 0x2a;
        p[19] = 0x40;
        p[20] = 0x01;
        p[21] = (byte) 0xb4;
        p[22] = 0x00;
        return p;
    }

    static String post(String url, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.body().contains("\"error\"")) {
            throw new IllegalStateException("Janus error: " + r.body());
        }
        return r.body();
    }

    static String awaitEvent(String base, String session, String marker) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/" + session + "?maxev=10"))
                    .timeout(Duration.ofSeconds(35)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.body().contains(marker)) {
                return r.body();
            }
            if (!r.body().contains("keepalive")) {
                System.out.println("(event) " + r.body().replaceAll("\\s+", " "));
            }
        }
        throw new IllegalStateException("no event with " + marker);
    }

    static String id(String json) {
        return group(json, "\"id\":\\s*(\\d+)");
    }

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
    }

    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\/", "/").replace("\\\"", "\"")
                .replace("\\\\", "\\");
    }

    private static String tx() {
        return "t" + TX.incrementAndGet();
    }
}
