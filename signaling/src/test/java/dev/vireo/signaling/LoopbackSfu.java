package dev.vireo.signaling;

import dev.vireo.sfu.Sfu;
import dev.vireo.sfu.SfuConfig;
import dev.vireo.sfu.SfuStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real SFU as the signaling tests' media plane: bound to 127.0.0.1 on a free UDP port, accepting ICE only from
 * 127.0.0.0/8 and advertising 127.0.0.1, so nothing leaves loopback.
 *
 * <p>The SFU tells nobody why a participant left except its own log ({@code dev.vireo.sfu.Room}, INFO
 * "room R: ID left (REASON)"); the tests read that line to check the reason signaling gave when it closed the media.
 */
public final class LoopbackSfu implements AutoCloseable {
    static {
        LoopbackOnlyIce.ensure();
    }

    private static final Pattern LEFT = Pattern.compile("room (\\S+): (\\S+) left \\((.*)\\)");
    private static final Pattern REJOINED = Pattern.compile("room (\\S+): (\\S+) rejoined; .*");

    /** Held: java.util.logging keeps loggers only weakly, and a collected logger would lose the handler. */
    private final Logger roomLog = Logger.getLogger("dev.vireo.sfu.Room");
    private final List<String> roomLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            roomLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Sfu sfu;
    private final SfuMediaPlane plane;

    private LoopbackSfu(Duration disconnectTimeout) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        sfu = new Sfu(new SfuConfig(loopback, freeUdpPort(loopback), loopback, List.of("127.0.0.0/8"),
                disconnectTimeout));
        sfu.start();
        plane = new SfuMediaPlane(sfu);
        roomLog.addHandler(capture);
    }

    /** An SFU that drops a silent or never-connected peer after 10 s: longer than any test here waits. */
    public static LoopbackSfu start() {
        return start(Duration.ofSeconds(10));
    }

    public static LoopbackSfu start(Duration disconnectTimeout) {
        try {
            return new LoopbackSfu(disconnectTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SFU behind the signaling layer's interface; closing it closes the SFU. */
    public MediaPlane plane() {
        return plane;
    }

    public SfuStats stats() {
        return sfu.stats();
    }

    /**
     * Participants in this media room. Asking makes the room if the SFU has none by that name (the SFU has no
     * read-only lookup), so ask after the participants joined.
     */
    public int participantsIn(String roomId) {
        return sfu.room(roomId).participantCount();
    }

    /**
     * The reasons the SFU logged for this participant leaving, once there is at least one (signaling may close the
     * media just after it told the others); fails after 5 s.
     */
    public List<String> awaitLeaveReasons(String participantId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (leaveReasons(participantId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the SFU logged no departure of " + participantId + " within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return leaveReasons(participantId);
    }

    /** Every reason the SFU logged for this participant leaving a room, oldest first. */
    public List<String> leaveReasons(String participantId) {
        return roomLines.stream().map(LEFT::matcher).filter(Matcher::matches)
                .filter(m -> m.group(2).equals(participantId)).map(m -> m.group(3)).toList();
    }

    /** How often the SFU logged this participant rejoining (a second media session taking over its id). */
    public long rejoins(String participantId) {
        return roomLines.stream().map(REJOINED::matcher).filter(Matcher::matches)
                .filter(m -> m.group(2).equals(participantId)).count();
    }

    @Override
    public void close() {
        plane.close();
        roomLog.removeHandler(capture);
    }

    /** Free right now; the SFU binds it a moment later (SfuConfig needs a real port). */
    private static int freeUdpPort(InetAddress address) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return probe.getLocalPort();
        }
    }
}
