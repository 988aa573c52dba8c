package dev.vireo.srtp;

/**
 * An immutable map from SSRC to a per-stream value, for lookups on the packet path.
 *
 * <p>Open addressing with linear probing over a power-of-two table kept at most half full, so a lookup is a few
 * array reads and allocates nothing. Adding an entry copies the table ({@link #with}); the owner publishes the copy
 * through a volatile field, which gives readers a consistent table without any lock. Streams are added rarely
 * (once per SSRC) and a session carries dozens of them, so the copy costs nothing that matters.
 */
final class SsrcTable<V> {
    private static final SsrcTable<?> EMPTY = new SsrcTable<>(new int[2], new Object[2], 0);

    private final int[] keys;
    private final Object[] values;
    private final int size;

    private SsrcTable(int[] keys, Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> SsrcTable<V> empty() {
        return (SsrcTable<V>) EMPTY;
    }

    int size() {
        return size;
    }

    /** The value for {@code ssrc}, or null. */
    @SuppressWarnings("unchecked")
    V get(int ssrc) {
        int mask = keys.length - 1;
        for (int i = slot(ssrc, mask); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (keys[i] == ssrc) {
                return (V) value;
            }
        }
    }

    /** A copy of this table that also maps {@code ssrc} to {@code value} (replacing any previous value). */
    SsrcTable<V> with(int ssrc, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        int capacity = 2;
        while (capacity < 2 * (size + 1)) {
            capacity <<= 1;
        }
        int[] newKeys = new int[capacity];
        Object[] newValues = new Object[capacity];
        int newSize = 0;
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null && keys[i] != ssrc) {
                insert(newKeys, newValues, keys[i], values[i]);
                newSize++;
            }
        }
        insert(newKeys, newValues, ssrc, value);
        return new SsrcTable<>(newKeys, newValues, newSize + 1);
    }

    private static void insert(int[] keys, Object[] values, int key, Object value) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** SSRCs are random, but a peer picks them; mix the bits so neighbours do not cluster. */
    private static int slot(int ssrc, int mask) {
        int h = ssrc * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
