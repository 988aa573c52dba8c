package dev.vireo.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code 2026-11-21 06:48:00.123 INFO    VireoServer  message}: one line per record (a stack trace follows on its own
 * lines), logger names cut to the class.
 */
public final class OneLineFormatter extends Formatter {
    /** Held here because the log manager keeps loggers only weakly: a collected one would forget its level. */
    private static final List<Logger> LIBRARY_LOGGERS = List.of(
            Logger.getLogger("org.ice4j"), Logger.getLogger("org.jitsi"), Logger.getLogger("org.java_websocket"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /**
     * ice4j prints every agent with its ICE password ("ice-pwd:..."), at INFO and FINE, which an operator sees with
     * {@code --log-level FINE}. Whoever holds a session's password can answer and send its connectivity checks, so
     * it never reaches the log.
     */
    private static final Pattern ICE_PASSWORD = Pattern.compile("(ice-pwd[:=]\\s*)[^\\s,)]+");

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIME.format(LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault())));
        line.append(' ').append(String.format("%-7s", record.getLevel().getName()));
        line.append(' ').append(shortName(record.getLoggerName()));
        line.append("  ").append(redact(formatMessage(record))).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(redact(trace.toString()));
        }
        return line.toString();
    }

    static String redact(String message) {
        return message.contains("ice-pwd") ? ICE_PASSWORD.matcher(message).replaceAll("$1<redacted>") : message;
    }

    private static String shortName(String loggerName) {
        if (loggerName == null || loggerName.isEmpty()) {
            return "root";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    /**
     * Sends every log line to stderr through this formatter at {@code level}. Libraries' own INFO chatter (ice4j
     * logs every agent's life) is kept to warnings unless a finer level is asked for. Java-WebSocket's slf4j logs
     * arrive here through slf4j-jdk14.
     */
    public static void install(Level level) {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(level);
        Level libraries = level.intValue() < Level.INFO.intValue() ? level : Level.WARNING;
        for (Logger library : LIBRARY_LOGGERS) {
            library.setLevel(libraries);
        }
    }
}
