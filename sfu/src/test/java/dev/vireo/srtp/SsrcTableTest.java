package dev.vireo.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsrcTableTest {

    @Test
    void findsEverythingItHoldsAndNothingElse() {
        Random random = new Random(42);
        Map<Integer, String> expected = new HashMap<>();
        SsrcTable<String> table = SsrcTable.empty();
        int[] special = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1, 2, 3};
        for (int ssrc : special) {
            table = table.with(ssrc, "s" + ssrc);
            expected.put(ssrc, "s" + ssrc);
        }
        for (int i = 0; i < 500; i++) {
            int ssrc = random.nextInt();
            table = table.with(ssrc, "r" + i);
            expected.put(ssrc, "r" + i);
        }
        assertEquals(expected.size(), table.size());
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey()));
        }
        for (int i = 0; i < 500; i++) {
            int ssrc = random.nextInt();
            if (!expected.containsKey(ssrc)) {
                assertNull(table.get(ssrc));
            }
        }
    }

    @Test
    void addingLeavesTheOldTableAsItWas() {
        SsrcTable<String> one = SsrcTable.<String>empty().with(7, "seven");
        SsrcTable<String> two = one.with(8, "eight").with(7, "SEVEN");
        assertEquals(1, one.size());
        assertEquals("seven", one.get(7));
        assertNull(one.get(8));
        assertEquals(2, two.size());
        assertEquals("SEVEN", two.get(7));
        assertNull(SsrcTable.<String>empty().get(0));
    }
}
