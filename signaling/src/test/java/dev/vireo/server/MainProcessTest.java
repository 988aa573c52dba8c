package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code Main} as a separate JVM: exit codes, and one line on stderr for bad settings. */
class MainProcessTest {
    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "Main did not exit");
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void badSettingIsOneLineAndExitCode2() throws Exception {
        Result r = run("server", "--http-port", "99999");
        assertEquals(2, r.exit());
        assertEquals("vireo: invalid http-port \"99999\" (from option --http-port): must be 0-65535\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOptionAndMissingFileAreExitCode2() throws Exception {
        Result unknown = run("server", "--verbose");
        assertEquals(2, unknown.exit());
        assertEquals("vireo: unknown option --verbose (see --help)\n", unknown.err());
        Result missing = run("server", "--config", "/nonexistent/vireo.conf");
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    @Test
    void unknownCommandIsExitCode2() throws Exception {
        Result r = run("serve");
        assertEquals(2, r.exit());
        assertEquals("vireo: unknown command 'serve' (try: vireo --help)\n", r.err());
    }

    @Test
    void serverHelpExplainsEveryOption() throws Exception {
        Result r = run("server", "--help");
        assertEquals(0, r.exit(), r.err());
        for (Setting s : Setting.values()) {
            assertTrue(r.out().contains(s.flag() + " "), s.flag());
            assertTrue(r.out().contains(s.envName()), s.envName());
        }
        assertTrue(r.out().contains("--config FILE"));
        assertTrue(r.out().contains("[8080]"));
    }

    @Test
    void topLevelHelpListsTheCommands() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("server [options]"), r.out());
    }
}
