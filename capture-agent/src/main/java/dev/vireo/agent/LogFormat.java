package dev.vireo.agent;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** {@code 2026-11-21 06:48:00.123 INFO    Agent  message}: one line per record, for journald. */
final class LogFormat extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Override
    public String format(LogRecord r) {
        String logger = r.getLoggerName() == null ? "root" : r.getLoggerName();
        return TIME.format(LocalDateTime.ofInstant(r.getInstant(), ZoneId.systemDefault())) + " "
                + String.format("%-7s", r.getLevel().getName()) + " " + logger.substring(logger.lastIndexOf('.') + 1)
                + "  " + formatMessage(r) + (r.getThrown() != null ? " (" + r.getThrown() + ")" : "")
                + System.lineSeparator();
    }
}
