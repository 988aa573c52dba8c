package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnwrapperTest {
    private static long[] parse(String list) {
        return Arrays.stream(list.trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in order                    | 1 2 3 4                          | 1 2 3 4
            forward wrap                | 65534 65535 0 1                  | 65534 65535 65536 65537
            reordered across the wrap   | 65535 0 65534 1                  | 65535 65536 65534 65537
            late packet before the first| 0 65535 1                        | 0 -1 1
            half range forward          | 0 32768                          | 0 32768
            just over half is backward  | 0 32769                          | 0 -32767
            loss burst then wrap        | 60000 100 5000                   | 60000 65636 70536
            two wraps                   | 0 30000 60000 24464 54464 18928  | 0 30000 60000 90000 120000 150000
            duplicates                  | 7 7 8 8                          | 7 7 8 8
            input above 16 bits masked  | 65536 65537                      | 0 1
            """)
    void unwrapsSequenceNumbers(String why, String input, String expected) {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        long[] in = parse(input);
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = unwrapper.unwrap((int) in[i]);
            assertEquals(in[i] & 0xFFFF, out[i] & 0xFFFF, "low 16 bits kept");
        }
        assertEquals(Arrays.toString(parse(expected)), Arrays.toString(out), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in order                    | 0 3000 6000                          | 0 3000 6000
            forward wrap                | 4294964296 1704                      | 4294964296 4294969000
            reordered across the wrap   | 4294967000 500 4294966000 1500       | 4294967000 4294967796 4294966000 4294968796
            late packet before the first| 100 4294967196                       | 100 -100
            half range forward          | 0 2147483648                         | 0 2147483648
            just over half is backward  | 0 2147483649                         | 0 -2147483647
            three wraps by 2^31 - 1     | 0 2147483647 4294967294 2147483645 4294967292 2147483643 | 0 2147483647 4294967294 6442450941 8589934588 10737418235
            """)
    void unwrapsTimestamps(String why, String input, String expected) {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        long[] in = parse(input);
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = unwrapper.unwrap(in[i]);
            assertEquals(in[i] & 0xFFFF_FFFFL, out[i] & 0xFFFF_FFFFL, "low 32 bits kept");
        }
        assertEquals(Arrays.toString(parse(expected)), Arrays.toString(out), why);
    }

    @org.junit.jupiter.api.Test
    void resetStartsOver() {
        SequenceNumberUnwrapper seq = new SequenceNumberUnwrapper();
        seq.unwrap(65535);
        seq.unwrap(0);
        seq.reset();
        assertEquals(10, seq.unwrap(10));
        TimestampUnwrapper ts = new TimestampUnwrapper();
        ts.unwrap(0xFFFF_FFFFL);
        ts.unwrap(1);
        ts.reset();
        assertEquals(5, ts.unwrap(5));
    }
}
