package dev.vireo.sfu.forward;

import java.util.Arrays;

/**
 * An immutable SSRC → value table for the packet path: a participant has a handful of streams, so a linear scan of
 * an int array beats hashing and allocates nothing. Changes make a new table, published through a volatile field.
 */
public final class SsrcTable<T> {
    private static final SsrcTable<?> EMPTY = new SsrcTable<>(new int[0], new Object[0]);

    private final int[] ssrcs;
    private final Object[] values;

    private SsrcTable(int[] ssrcs, Object[] values) {
        this.ssrcs = ssrcs;
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    public static <T> SsrcTable<T> empty() {
        return (SsrcTable<T>) EMPTY;
    }

    /** The value for this SSRC, or null. */
    @SuppressWarnings("unchecked")
    public T get(int ssrc) {
        int[] keys = ssrcs;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == ssrc) {
                return (T) values[i];
            }
        }
        return null;
    }

    /** A table with this entry added or replaced. */
    public SsrcTable<T> with(int ssrc, T value) {
        for (int i = 0; i < ssrcs.length; i++) {
            if (ssrcs[i] == ssrc) {
                Object[] v = values.clone();
                v[i] = value;
                return new SsrcTable<>(ssrcs, v);
            }
        }
        int[] k = Arrays.copyOf(ssrcs, ssrcs.length + 1);
        Object[] v = Arrays.copyOf(values, values.length + 1);
        k[ssrcs.length] = ssrc;
        v[values.length] = value;
        return new SsrcTable<>(k, v);
    }

    /** A table without the entries whose value is {@code value}. */
    public SsrcTable<T> withoutValue(T value) {
        int keep = 0;
        for (Object v : values) {
            if (v != value) {
                keep++;
            }
        }
        int[] k = new int[keep];
        Object[] v = new Object[keep];
        int j = 0;
        for (int i = 0; i < ssrcs.length; i++) {
            if (values[i] != value) {
                k[j] = ssrcs[i];
                v[j++] = values[i];
            }
        }
        return new SsrcTable<>(k, v);
    }

    public int size() {
        return ssrcs.length;
    }
}
