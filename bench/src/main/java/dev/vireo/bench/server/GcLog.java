package dev.vireo.bench.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GC pauses from the log that {@code -Xlog:gc:file=...} writes, e.g.
 * {@code [12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 24M->8M(64M) 3.210ms}.
 * A step reads only what was appended since its start ({@link #mark()}).
 */
public final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("Pause.* ([0-9.]+)ms\\s*$");

    private final Path file;

    public GcLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The log's current length: where the next step's pauses start. */
    public long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Pause durations in milliseconds logged after {@code from}. */
    public List<Double> pausesSince(long from) throws IOException {
        List<Double> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len <= from) {
                return out;
            }
            byte[] b = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(b);
            for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    out.add(Double.parseDouble(m.group(1)));
                }
            }
        }
        return out;
    }
}
