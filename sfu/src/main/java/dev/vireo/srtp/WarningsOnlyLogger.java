package dev.vireo.srtp;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.jitsi.utils.logging2.LogContext;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * The logger handed to jitsi-srtp: warnings and errors go to java.util.logging, trace and debug go nowhere.
 *
 * <p>Why. jitsi-srtp calls {@code logger.debug(() -> ...)} for every packet it protects (its replay-window update),
 * building a capturing lambda and walking {@link LoggerImpl}'s level checks each time, only to drop the message.
 * Here trace and debug are empty methods decided once, when the logger is made, so the JIT inlines them to nothing
 * and the lambda is never built. Child loggers, which jitsi-srtp makes per crypto context, keep the same behaviour.
 */
final class WarningsOnlyLogger extends LoggerImpl {
    private final String name;
    private final LogContext context;

    WarningsOnlyLogger(String name) {
        this(name, new LogContext());
    }

    private WarningsOnlyLogger(String name, LogContext context) {
        super(name, Level.WARNING, context);
        this.name = name;
        this.context = context;
    }

    @Override
    public Logger createChildLogger(String childName, Map<String, String> context) {
        return new WarningsOnlyLogger(childName, this.context.createSubContext(context));
    }

    @Override
    public Logger createChildLogger(String childName) {
        return new WarningsOnlyLogger(childName, context.createSubContext(Map.of()));
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(Object msg) { }
    @Override public void trace(Supplier<String> msgSupplier) { }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(Object msg) { }
    @Override public void debug(Supplier<String> msgSupplier) { }

    @Override
    public String toString() {
        return "WarningsOnlyLogger[" + name + "]";
    }
}
