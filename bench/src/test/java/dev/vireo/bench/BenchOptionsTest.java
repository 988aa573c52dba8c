package dev.vireo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.peer.PeerReactor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's command line: defaults, and the combinations it refuses with a message instead of a misleading run. */
class BenchOptionsTest {
    @Test
    void defaultsPinTheServerAndSpinTheClients() {
        BenchOptions o = BenchOptions.parse(new String[] {"broadcast"});
        assertTrue(o.pin());
        assertFalse(o.sameCore());
        assertEquals(PeerReactor.Wait.SPIN, o.receivers());
        assertEquals(List.of("vireo"), o.targets());
        assertEquals(180, o.settleSeconds());
        assertEquals(0, o.warmJoins(), "the first step's joins are a cold start unless asked");
    }

    @Test
    void warmJoinsAreCountedAndNeverNegative() {
        BenchOptions o = BenchOptions.parse(new String[] {"meeting", "--warm-joins", "40", "--steps", "5"});
        assertEquals(40, o.warmJoins());
        assertEquals(40, o.withSteps(List.of(10)).warmJoins());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"broadcast", "--warm-joins", "-1"}));
        assertTrue(negative.getMessage().contains("--warm-joins"), negative.getMessage());
    }

    @Test
    void sameCoreSleepsTheClientsUnlessToldOtherwise() {
        BenchOptions o = BenchOptions.parse(new String[] {"meeting", "--same-core", "--target", "both", "--steps", "5,10"});
        assertTrue(o.sameCore());
        assertEquals(PeerReactor.Wait.SLEEP, o.receivers());
        assertEquals(List.of(5, 10), o.steps());
        assertEquals(List.of("vireo", "janus"), o.targets());
        assertEquals(PeerReactor.Wait.SLEEP,
                BenchOptions.parse(new String[] {"broadcast", "--receivers", "sleep", "--same-core"}).receivers());
    }

    @Test
    void sameCoreRefusesSpinningClientsAndNoPin() {
        IllegalArgumentException spin = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"broadcast", "--same-core", "--receivers", "spin"}));
        assertTrue(spin.getMessage().contains("sleeping"), spin.getMessage());
        IllegalArgumentException noPin = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"broadcast", "--no-pin", "--same-core"}));
        assertTrue(noPin.getMessage().contains("--no-pin"), noPin.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--steps", "10"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"broadcast", "--receivers", "poll"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"broadcast", "--steps"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"broadcast", "--bogus"}));
    }

    @Test
    void numbersOutOfRangeOrNotNumbersAreRefusedByName() {
        for (String[] bad : new String[][] {{"--warmup", "-1"}, {"--startup", "-5"}, {"--settle", "-1"},
                {"--duration", "0"}, {"--steps", "10,0"}, {"--warmup", "five"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BenchOptions.parse(new String[] {"broadcast", bad[0], bad[1]}), String.join(" ", bad));
            assertTrue(e.getMessage().startsWith(bad[0]), e.getMessage());
        }
        BenchOptions zeros = BenchOptions.parse(new String[] {"broadcast", "--warmup", "0", "--startup", "0",
                "--settle", "0"});
        assertEquals(0, zeros.warmupSeconds() + zeros.startupSeconds() + zeros.settleSeconds());
    }
}
