package dev.vireo.bench.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handshake benchmark runs real handshakes and reports each side's CPU; its command line refuses nonsense. */
class HandshakeBenchTest {
    @Test
    void reportsTheColdHandshakeThenEachBlock() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HandshakeBench.run(new HandshakeBench.Options(4, 2), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> rows = bytes.toString(StandardCharsets.UTF_8).lines().skip(2).toList();
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("| 1 (cold) |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| 2-3 |"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| 4-4 |"), rows.get(2));
        for (String row : rows) {
            String[] cells = row.split("\\|");
            double serverMean = Double.parseDouble(cells[2].split("/")[0].trim());
            double clientMean = Double.parseDouble(cells[3].trim());
            // A handshake signs, verifies and agrees a key on each side: never free, never a second of CPU.
            assertTrue(serverMean > 0.05 && serverMean < 1000, row);
            assertTrue(clientMean > 0.05 && clientMean < 1000, row);
        }
    }

    @Test
    void refusesACountThatIsNotAPositiveNumber() {
        assertThrows(IllegalArgumentException.class, () -> HandshakeBench.Options.parse(new String[] {"--count", "0"}));
        assertThrows(IllegalArgumentException.class, () -> HandshakeBench.Options.parse(new String[] {"--block"}));
        assertThrows(IllegalArgumentException.class, () -> HandshakeBench.Options.parse(new String[] {"--fast"}));
        assertEquals(new HandshakeBench.Options(50, 10),
                HandshakeBench.Options.parse(new String[] {"--count", "50", "--block", "10"}));
    }
}
