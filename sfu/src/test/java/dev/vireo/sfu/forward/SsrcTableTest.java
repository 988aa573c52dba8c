package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SsrcTableTest {
    @Test
    void addReplaceAndRemoveLeaveEarlierTablesUntouched() {
        SsrcTable<String> empty = SsrcTable.empty();
        SsrcTable<String> one = empty.with(0xDEADBEEF, "video");
        SsrcTable<String> two = one.with(42, "audio");
        SsrcTable<String> replaced = two.with(42, "audio2");
        SsrcTable<String> removed = replaced.withoutValue("video");

        assertNull(empty.get(42));
        assertEquals("video", one.get(0xDEADBEEF));
        assertNull(one.get(42));
        assertEquals("audio", two.get(42));
        assertEquals("audio2", replaced.get(42));
        assertEquals("audio", two.get(42));
        assertNull(removed.get(0xDEADBEEF));
        assertEquals("audio2", removed.get(42));
        assertEquals(1, removed.size());
    }
}
