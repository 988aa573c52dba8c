package dev.vireo.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for something a browser or the server does asynchronously, with a deadline and a useful failure. */
final class Poll {
    private Poll() {
    }

    /**
     * Asks {@code probe} every {@code interval} until it returns a non-null value, then returns that value.
     * Fails with {@code what}, the last probe error and {@code context} once {@code timeout} has passed.
     */
    static <T> T until(String what, Duration timeout, Duration interval, Supplier<T> probe, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError(
                        "timed out after " + timeout.toMillis() + " ms waiting for " + what + "\n" + context.get());
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            sleep(interval);
        }
    }

    static <T> T until(String what, Duration timeout, Supplier<T> probe, Supplier<String> context) {
        return until(what, timeout, Duration.ofMillis(100), probe, context);
    }

    /** Sleeps for {@code d}; zero or negative returns at once. */
    static void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
