package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The in-process server's transport-cc feedback trace (see the SFU's {@code TransportWideCc} trace logger) for one
 * transport: every feedback message a real Chromium sent, joined with what the SFU had sent, recorded so that it can
 * be replayed through the estimator in a table test.
 */
final class FeedbackTrace extends Handler implements AutoCloseable {
    private static final Logger TRACE = Logger.getLogger("dev.vireo.sfu.transport.TransportWideCc.trace");

    private final Level previous;
    private volatile String transport;
    private final List<String> lines = new ArrayList<>();

    private FeedbackTrace() {
        this.previous = TRACE.getLevel();
    }

    /** Starts listening; {@link #follow} says whose feedback to keep. */
    static FeedbackTrace attach() {
        FeedbackTrace trace = new FeedbackTrace();
        trace.setLevel(Level.FINEST);
        TRACE.setLevel(Level.FINEST);
        TRACE.setUseParentHandlers(false); // the console would get every feedback message
        TRACE.addHandler(trace);
        return trace;
    }

    /** Keeps the feedback of the transport named {@code name} (e.g. "{participant id}/subscribe") from now on. */
    void follow(String name) {
        transport = name + " ";
    }

    /** Adds a comment line ({@code # ...}) at this point of the trace, e.g. when the link changed. */
    synchronized void mark(String comment) {
        lines.add("# " + System.nanoTime() + " " + comment);
    }

    synchronized int size() {
        return lines.size();
    }

    /** Writes what was recorded, one line per feedback message, after {@code header} comment lines. */
    synchronized void write(Path file, List<String> header) {
        List<String> out = new ArrayList<>();
        header.forEach(h -> out.add("# " + h));
        out.addAll(lines);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void publish(LogRecord r) {
        String message = r.getMessage();
        String prefix = transport;
        if (message != null && prefix != null && message.startsWith(prefix)) {
            lines.add(message.substring(prefix.length()));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        TRACE.removeHandler(this);
        TRACE.setLevel(previous);
        TRACE.setUseParentHandlers(true);
    }
}
