package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.ice.IceEndpoint;
import dev.vireo.ice.IceSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The server's log lines never carry an ICE password, whoever logs it. */
class OneLineFormatterTest {
    @Test
    void redactsIcePasswordsInEveryFormIce4jWritesThem() {
        assertEquals("Agent (stream-count=0 ice-pwd:<redacted> ice-ufrag:abc tie-breaker:1)",
                OneLineFormatter.redact("Agent (stream-count=0 ice-pwd:18pjdtutp5i67ccjo60u6l4jee ice-ufrag:abc"
                        + " tie-breaker:1)"));
        assertEquals("x ice-pwd=<redacted>, y", OneLineFormatter.redact("x ice-pwd=s3cr3t, y"));
        assertEquals("(ice-pwd: <redacted>)", OneLineFormatter.redact("(ice-pwd: s3cr3t)"));
        assertEquals("nothing secret here", OneLineFormatter.redact("nothing secret here"));
    }

    /** ice4j logs each agent it makes, password included, at FINE and INFO: what an operator sees at FINE. */
    @Test
    void keepsARealIce4jAgentsPasswordOutOfTheLog() throws Exception {
        OneLineFormatter formatter = new OneLineFormatter();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger ice = Logger.getLogger("dev.vireo.ice"); // Vireo's ICE sessions hand ice4j loggers under this name
        Level before = ice.getLevel();
        ice.setLevel(Level.FINE);
        ice.addHandler(capture);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (IceEndpoint endpoint = new IceEndpoint(new InetSocketAddress(loopback, 0), loopback,
                List.of("127.0.0.0/8"))) {
            IceSession session = endpoint.newSession("redaction", new IceSession.Listener() {
                @Override
                public void onConnected() {
                }

                @Override
                public void onFailed(String reason) {
                }
            });
            String password = session.localPassword();
            session.close();
            assertTrue(lines.stream().anyMatch(line -> line.contains("ice-pwd:<redacted>")),
                    "ice4j no longer logs its agents this way; check what it logs instead: " + lines);
            assertFalse(lines.stream().anyMatch(line -> line.contains(password)), "the password leaked: " + lines);
        } finally {
            ice.removeHandler(capture);
            ice.setLevel(before);
        }
    }
}
