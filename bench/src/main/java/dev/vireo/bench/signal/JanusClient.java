package dev.vireo.bench.signal;

import com.google.gson.JsonObject;
import dev.vireo.bench.media.Receiver;
import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.SessionDescription;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A load participant in a Janus VideoRoom: a publisher joins with ptype=publisher and sends its offer with
 * {@code configure}; {@link #subscribe} attaches a second handle, joins with ptype=subscriber and the feeds, takes
 * Janus's offer and sends the answer with {@code start}. Each handle is one PeerConnection (one transport).
 */
public final class JanusClient extends LoadClient {
    private final URI uri;
    private JanusSocket socket;
    private long room;
    private long feedId = -1;

    public JanusClient(URI uri, ClientContext context, Publication publication, Receiver receiver) {
        super(context, publication, receiver);
        this.uri = uri;
    }

    /** Creates a VideoRoom for up to {@code publishers} publishers; returns its numeric id. */
    public static long createRoom(URI uri, long room, int publishers) throws Exception {
        JanusSocket s = new JanusSocket(uri);
        try {
            s.open();
            long handle = s.attachVideoRoom();
            JsonObject body = new JsonObject();
            body.addProperty("request", "create");
            body.addProperty("room", room);
            body.addProperty("publishers", publishers);
            body.addProperty("bitrate", 0);
            body.addProperty("fir_freq", 0);
            body.addProperty("audiocodec", "opus");
            body.addProperty("videocodec", "vp8");
            body.addProperty("notify_joining", false);
            s.message(handle, body, null);
            return room;
        } finally {
            s.close();
        }
    }

    /** {@code room} is the VideoRoom's number as text. */
    @Override
    public void join(String room, String name) throws Exception {
        this.room = Long.parseLong(room);
        socket = new JanusSocket(uri);
        receiver.joinStarted(System.nanoTime());
        socket.open();
        if (publication == null) {
            return;
        }
        long handle = socket.attachVideoRoom();
        JsonObject join = new JsonObject();
        join.addProperty("request", "join");
        join.addProperty("ptype", "publisher");
        join.addProperty("room", this.room);
        join.addProperty("display", name);
        JsonObject joined = socket.message(handle, join, null);
        feedId = joined.getAsJsonObject("plugindata").getAsJsonObject("data").get("id").getAsLong();

        LoadTransport publish = open(null, publication::requestKeyframe);
        JsonObject configure = new JsonObject();
        configure.addProperty("request", "configure");
        configure.addProperty("audio", true);
        configure.addProperty("video", publication.videoSsrc() >= 0);
        JsonObject reply = socket.message(handle, configure, jsep("offer",
                LoadSdp.publishOffer(publish.local(), publication.audioSsrc(), publication.videoSsrc())));
        socket.trickleCompleted(handle);
        SessionDescription answer = SessionDescription.parse(JanusSocket.sdpOf(reply));
        LoadSdp.Negotiated pts = LoadSdp.payloadTypes(answer);
        publication.bind(publish, context.pool(), pts.opusPt(), pts.vp8Pt());
        publish.whenConnected(() -> publication.start(context.sender()));
        connect(publish, handle, answer);
    }

    @Override
    public long feedId() {
        return feedId;
    }

    @Override
    public void subscribe(List<Long> feeds) throws Exception {
        List<Long> others = new ArrayList<>(feeds);
        others.remove(feedId);
        if (others.isEmpty()) {
            return;
        }
        long handle = socket.attachVideoRoom();
        JsonObject join = new JsonObject();
        join.addProperty("request", "join");
        join.addProperty("ptype", "subscriber");
        join.addProperty("room", room);
        join.add("streams", JanusSocket.feeds(others));
        SessionDescription offer = SessionDescription.parse(JanusSocket.sdpOf(socket.message(handle, join, null)));
        LoadTransport subscribe = open(receiver, null);
        JsonObject start = new JsonObject();
        start.addProperty("request", "start");
        socket.message(handle, start, jsep("answer", LoadSdp.subscribeAnswer(offer, subscribe.local())));
        socket.trickleCompleted(handle);
        connect(subscribe, handle, offer);
    }

    private void connect(LoadTransport t, long handle, SessionDescription remote) throws Exception {
        MediaDescription first = firstAccepted(remote, "Janus");
        List<String> candidates = new ArrayList<>(first.candidates());
        for (int i = 0; i < 40 && candidates.isEmpty(); i++) {
            Thread.sleep(50);
            candidates.addAll(socket.trickledCandidates(handle));
        }
        connectTransport(t, remote, first, candidates);
    }

    private static JsonObject jsep(String type, String sdp) {
        JsonObject j = new JsonObject();
        j.addProperty("type", type);
        j.addProperty("sdp", sdp);
        return j;
    }

    @Override
    void closeSignaling() {
        if (socket != null) {
            socket.close();
        }
    }
}
