package dev.vireo.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browsers of one test: launched in parallel (each costs about a second), described in the test output when
 * the test fails, and always quit afterwards. Register with {@code @RegisterExtension}.
 */
final class BrowserFleet implements AfterTestExecutionCallback, AfterEachCallback {
    private final List<ChromiumBrowser> browsers = new ArrayList<>();

    /** Launches one browser per label, in parallel. */
    List<ChromiumBrowser> launch(String... labels) {
        ExecutorService pool = Executors.newFixedThreadPool(labels.length);
        try {
            List<CompletableFuture<ChromiumBrowser>> starting = new ArrayList<>();
            for (String label : labels) {
                starting.add(CompletableFuture.supplyAsync(() -> ChromiumBrowser.launch(label), pool));
            }
            List<ChromiumBrowser> started = new ArrayList<>();
            RuntimeException failure = null;
            for (CompletableFuture<ChromiumBrowser> f : starting) {
                try {
                    started.add(f.join());
                } catch (CompletionException e) {
                    failure = failure == null ? new IllegalStateException("browser launch failed", e.getCause()) : failure;
                }
            }
            synchronized (browsers) {
                browsers.addAll(started);
            }
            if (failure != null) {
                throw failure;
            }
            return started;
        } finally {
            pool.shutdown();
        }
    }

    /** Takes a browser launched elsewhere (e.g. inside a network namespace) into the fleet. */
    ChromiumBrowser adopt(ChromiumBrowser browser) {
        synchronized (browsers) {
            browsers.add(browser);
        }
        return browser;
    }

    ChromiumBrowser launchOne(String label) {
        return launch(label).get(0);
    }

    /** Everything each browser can tell about itself, for a failure message. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (ChromiumBrowser b : snapshot()) {
            out.append(b.diagnostics());
        }
        return out.toString();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        context.getExecutionException().ifPresent(failure -> {
            System.out.println("==== " + context.getDisplayName() + " failed: " + failure);
            System.out.println(diagnostics());
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ChromiumBrowser b : snapshot()) {
            try {
                b.close();
            } catch (RuntimeException e) {
                System.out.println("quitting " + b.label() + " failed: " + e);
            }
        }
        synchronized (browsers) {
            browsers.clear();
        }
    }

    private List<ChromiumBrowser> snapshot() {
        synchronized (browsers) {
            return List.copyOf(browsers);
        }
    }
}
