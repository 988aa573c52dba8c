package dev.vireo.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jitsi.utils.logging2.Logger;
import org.junit.jupiter.api.Test;

class WarningsOnlyLoggerTest {
    /** Collects what reaches java.util.logging. */
    private static final class Recorder extends Handler {
        final List<LogRecord> records = new ArrayList<>();

        @Override public void publish(LogRecord record) { records.add(record); }
        @Override public void flush() { }
        @Override public void close() { }
    }

    @Test
    void debugAndTraceNeverBuildTheirMessage() {
        Logger logger = new WarningsOnlyLogger("test.srtp.quiet");
        List<String> built = new ArrayList<>();

        logger.debug(() -> { built.add("debug"); return "debug"; });
        logger.trace(() -> { built.add("trace"); return "trace"; });

        assertEquals(List.of(), built);
        assertFalse(logger.isDebugEnabled());
        assertFalse(logger.isTraceEnabled());
    }

    @Test
    void warningsStillReachTheLog() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("test.srtp.loud");
        Recorder recorder = new Recorder();
        jul.addHandler(recorder);
        jul.setUseParentHandlers(false);
        try {
            Logger logger = new WarningsOnlyLogger("test.srtp.loud");
            logger.info("info is below the threshold");
            logger.warn("replay window broken");

            assertEquals(1, recorder.records.size());
            assertEquals(Level.WARNING, recorder.records.get(0).getLevel());
            assertTrue(recorder.records.get(0).getMessage().contains("replay window broken"));
        } finally {
            jul.removeHandler(recorder);
        }
    }

    @Test
    void childLoggersAreQuietToo() {
        Logger parent = new WarningsOnlyLogger("test.srtp.parent");
        Logger child = parent.createChildLogger("test.srtp.child");
        Logger childWithContext = parent.createChildLogger("test.srtp.child2", Map.of("ssrc", "1234"));
        List<String> built = new ArrayList<>();

        child.debug(() -> { built.add("child"); return "child"; });
        childWithContext.debug(() -> { built.add("child2"); return "child2"; });

        assertEquals(List.of(), built);
        assertInstanceOf(WarningsOnlyLogger.class, child);
        assertInstanceOf(WarningsOnlyLogger.class, childWithContext);
    }
}
