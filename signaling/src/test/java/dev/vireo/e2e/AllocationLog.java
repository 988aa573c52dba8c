package dev.vireo.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The in-process test server's layer allocation decisions (downlink estimate, forwarded rate, chosen layers), as
 * logged on every change, with the time since {@link #mark}: the figures behind a layer change.
 */
final class AllocationLog extends Handler implements AutoCloseable {
    private static final Logger ALLOCATION = Logger.getLogger("dev.vireo.sfu.VideoAllocation");

    private volatile long startMillis = System.currentTimeMillis();
    private final List<String> lines = new ArrayList<>();

    private AllocationLog() {
    }

    static AllocationLog attach() {
        AllocationLog log = new AllocationLog();
        ALLOCATION.addHandler(log);
        return log;
    }

    /** Sets time zero of {@link #lines} to now. */
    void mark() {
        startMillis = System.currentTimeMillis();
    }

    /** What was logged so far, each line prefixed with seconds since {@link #mark} (or {@link #attach}). */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        lines.add(String.format(Locale.ROOT, "%5.1fs %s", (r.getMillis() - startMillis) / 1000.0, r.getMessage()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ALLOCATION.removeHandler(this);
    }
}
