package dev.vireo.e2e;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium with a fake 30 fps camera and microphone, driven through the Debian chromedriver.
 *
 * <p>Flags follow /work/shared/TESTING.md: loopback ICE candidates allowed, mDNS host-name hiding off, every host
 * name except 127.0.0.1 unresolvable, and a fresh profile per browser so no state leaks between tests. The binary and
 * driver paths are given explicitly so Selenium Manager never tries to download anything.
 */
final class ChromiumBrowser implements AutoCloseable {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String label;
    private final Path profileDir;
    private final ChromeDriver driver;
    /** Browser console entries read so far; the driver hands each entry out only once. */
    private final List<String> console = new ArrayList<>();

    private ChromiumBrowser(String label, Path profileDir, ChromeDriver driver) {
        this.label = label;
        this.profileDir = profileDir;
        this.driver = driver;
    }

    static ChromiumBrowser launch(String label) {
        return launch(label, null);
    }

    /**
     * A browser whose Chromium (and chromedriver, which must share its network) runs inside {@code namespace}; the
     * driver is reached over the namespace's veth address.
     */
    static ChromiumBrowser launch(String label, NetworkNamespace namespace, String... extraArguments) {
        Path profile;
        try {
            profile = Files.createTempDirectory("vireo-e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800",
                "--use-fake-device-for-media-stream=fps=30", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE 10.213.*",
                "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriver driver;
        try {
            ChromeDriverService service = namespace == null
                    ? new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                            .usingAnyFreePort().build()
                    : namespacedService(namespace);
            driver = new ChromeDriver(service, options);
        } catch (IOException e) {
            deleteTree(profile);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
        ChromiumBrowser browser = new ChromiumBrowser(label, profile, driver);
        browser.runBeforeEveryPage(resource("signaling-trace.js"));
        return browser;
    }

    private static ChromeDriverService namespacedService(NetworkNamespace namespace) throws IOException {
        int port = 9515;
        List<String> command = namespace.inside(CHROMEDRIVER, "--port=" + port,
                "--allowed-ips=" + namespace.hostAddress());
        String driverAddress = namespace.namespaceAddress();
        return new ChromeDriverService(new File(command.get(0).equals("ip") ? "/usr/sbin/ip" : command.get(0)), port,
                java.time.Duration.ofSeconds(20), command.subList(1, command.size()), Map.of()) {
            @Override
            protected java.net.URL getUrl(int p) throws IOException {
                return new java.net.URL("http://" + driverAddress + ":" + p);
            }
        };
    }

    String label() {
        return label;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Makes {@code script} run in every document this browser loads from now on, before the page's own scripts,
     * so it can observe objects the page creates while loading.
     */
    void runBeforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /** Runs a script in the page; a returned promise is awaited. */
    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Runs a script kept under {@code src/test/resources/e2e/}. */
    Object jsResource(String name, Object... args) {
        return js(resource(name), args);
    }

    /** The last {@code n} signaling messages, each as "HH:mm:ss.SSS in|out type". */
    List<String> signalingTrace(int n) {
        List<String> lines = new ArrayList<>();
        Object trace = js("return (window.__signalingTrace || []).slice(-arguments[0])", n);
        for (Object o : (List<?>) trace) {
            Map<?, ?> m = (Map<?, ?>) o;
            long at = ((Number) m.get("at")).longValue();
            lines.add(CLOCK.format(Instant.ofEpochMilli(at)) + " " + m.get("dir") + " " + m.get("type"));
        }
        return lines;
    }

    /** When this page first sent or received a signaling message of {@code type} after {@code sinceMillis}. */
    long signalingAt(String direction, String type, long sinceMillis) {
        Object at = js("const m = (window.__signalingTrace || []).find(e => e.dir === arguments[0]"
                + " && e.type === arguments[1] && e.at >= arguments[2]); return m ? m.at : -1;",
                direction, type, sinceMillis);
        return ((Number) at).longValue();
    }

    boolean exists(String cssSelector) {
        return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
    }

    /** Console entries since launch, each as "LEVEL message". */
    synchronized List<String> consoleLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(console);
    }

    /** What a failure report needs from this page: client state, participants, tiles and the console. */
    String diagnostics() {
        StringBuilder out = new StringBuilder("---- browser ").append(label).append(" ----\n");
        try {
            out.append("url: ").append(driver.getCurrentUrl()).append('\n');
            out.append("page: ").append(jsResource("page-state.js")).append('\n');
            out.append("signaling (last 40, wall clock ms): ").append(signalingTrace(40)).append('\n');
        } catch (RuntimeException e) {
            out.append("page state unavailable: ").append(e).append('\n');
        }
        try {
            out.append("console:\n");
            for (String line : consoleLog()) {
                out.append("  ").append(line).append('\n');
            }
        } catch (RuntimeException e) {
            out.append("console unavailable: ").append(e).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profileDir);
        }
    }

    static String resource(String name) {
        try (InputStream in = ChromiumBrowser.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource e2e/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Chromium may still be writing its profile while it exits; a leftover temp folder is harmless.
        }
    }
}
