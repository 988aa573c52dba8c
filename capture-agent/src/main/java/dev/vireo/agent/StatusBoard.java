package dev.vireo.agent;

import java.util.Locale;
import java.util.function.Supplier;

import com.google.gson.JsonObject;

import dev.vireo.agent.rtc.PublishConnection;
import dev.vireo.agent.rtc.SendStats;

/**
 * The agent's state as the status line and {@code --status-port} show it. Sessions report state changes here; the
 * {@link StatusReporter} adds the send figures from getStats. Written by a few threads, read by the HTTP server:
 * every field is volatile and each is meaningful on its own.
 */
public final class StatusBoard {
    public enum State { STARTING, CONNECTING, NEGOTIATING, PUBLISHING, RECONNECTING, STOPPED }

    private final String target;
    private final String source;
    private final Supplier<String> sourceState;
    private volatile State state = State.STARTING;
    private volatile long stateSinceMillis = System.currentTimeMillis();
    private volatile long publishingSinceMillis;
    private volatile int publishes;
    private volatile String participantId = "";
    private volatile String lastError = "";
    private volatile PublishConnection connection;
    private volatile Figures figures = Figures.NONE;

    /** Send figures over the last sampling interval. */
    public record Figures(double fps, long bitrateBps, int width, int height, double rttMillis, double lossPercent) {
        static final Figures NONE = new Figures(0, 0, 0, 0, -1, -1);
    }

    public StatusBoard(String target, String source, Supplier<String> sourceState) {
        this.target = target;
        this.source = source;
        this.sourceState = sourceState;
    }

    public void state(State s) {
        if (s != state) {
            state = s;
            stateSinceMillis = System.currentTimeMillis();
            if (s == State.PUBLISHING) {
                publishingSinceMillis = stateSinceMillis;
                publishes++;
            } else {
                figures = Figures.NONE;
            }
        }
    }

    public State state() {
        return state;
    }

    public long stateSinceMillis() {
        return stateSinceMillis;
    }

    public void participantId(String id) {
        participantId = id == null ? "" : id;
    }

    public void lastError(String error) {
        lastError = error == null ? "" : error;
    }

    /** The connection whose stats the reporter reads, or null between connections. */
    public void connection(PublishConnection c) {
        connection = c;
    }

    public PublishConnection connection() {
        return connection;
    }

    void figures(SendStats.Sample now, SendStats.Sample before) {
        figures = new Figures(now.fpsSince(before), now.bitrateSince(before), now.width(), now.height(),
                now.rttMillis(), now.fractionLost() < 0 ? -1 : now.fractionLost() * 100);
    }

    /** The status line logged every 10 s. */
    public String line() {
        Figures f = figures;
        return String.format(Locale.ROOT, "%s %s | source %s %s | sent %.1f fps %d kbit/s %dx%d | rtt %s loss %s"
                        + " | publishes %d%s",
                state.name().toLowerCase(Locale.ROOT), target, source, sourceState.get(), f.fps(),
                f.bitrateBps() / 1000, f.width(), f.height(), f.rttMillis() < 0 ? "-" : Math.round(f.rttMillis()) + " ms",
                f.lossPercent() < 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", f.lossPercent()), publishes,
                lastError.isEmpty() || state == State.PUBLISHING ? "" : " | last error: " + lastError);
    }

    /** The same as {@link #line()}, as JSON for {@code --status-port}. */
    public JsonObject json() {
        Figures f = figures;
        JsonObject o = new JsonObject();
        o.addProperty("state", state.name().toLowerCase(Locale.ROOT));
        o.addProperty("stateSince", stateSinceMillis);
        o.addProperty("publishingSince", state == State.PUBLISHING ? publishingSinceMillis : 0);
        o.addProperty("publishes", publishes);
        o.addProperty("target", target);
        o.addProperty("participantId", participantId);
        o.addProperty("source", source);
        o.addProperty("sourceState", sourceState.get());
        o.addProperty("fps", Math.round(f.fps() * 10) / 10.0);
        o.addProperty("bitrateBps", f.bitrateBps());
        o.addProperty("width", f.width());
        o.addProperty("height", f.height());
        o.addProperty("rttMs", f.rttMillis() < 0 ? null : (Number) Math.round(f.rttMillis()));
        o.addProperty("lossPercent", f.lossPercent() < 0 ? null : (Number) (Math.round(f.lossPercent() * 10) / 10.0));
        o.addProperty("lastError", lastError);
        return o;
    }
}
