package dev.vireo.buffer;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * One datagram's bytes: a window {@code [offset, offset + length)} over a fixed array with spare room on both sides.
 *
 * <p>Headroom lets a stage prepend bytes (an RTX original sequence number, a TURN channel header) without a copy;
 * tailroom is where SRTP appends its authentication tag (up to 16 bytes) and SRTCP its 4-byte index. jitsi-srtp writes
 * past {@code length} without checking, so every buffer handed to it must come from here.
 *
 * <p>A buffer has one owner at a time. Whoever holds it either passes it on or returns it with {@link #release()}.
 * It implements jitsi-utils' {@link ByteArrayBuffer} so the SRTP library works on it in place, without a wrapper.
 */
public final class PacketBuffer implements ByteArrayBuffer {
    /** Bytes reserved in front of the packet. */
    public static final int HEADROOM = 32;
    /** Largest packet a buffer holds: an Ethernet MTU's worth. */
    public static final int MAX_PACKET = 1500;
    /** Bytes reserved after the largest packet: SRTP tag (16) + SRTCP index (4) with margin. */
    public static final int TAILROOM = 64;
    /** Size of every backing array. */
    public static final int CAPACITY = HEADROOM + MAX_PACKET + TAILROOM;

    private final byte[] array = new byte[CAPACITY];
    private final BufferPool pool;
    private int offset = HEADROOM;
    private int length;
    /** When the packet arrived, from {@link System#nanoTime()}; 0 when not set. */
    private long receivedAtNanos;

    PacketBuffer(BufferPool pool) {
        this.pool = pool;
    }

    /** A buffer that belongs to no pool; {@link #release()} does nothing. For tests and one-off packets. */
    public static PacketBuffer unpooled() {
        return new PacketBuffer(null);
    }

    public byte[] array() { return array; }
    public int offset() { return offset; }
    public int length() { return length; }
    public long receivedAtNanos() { return receivedAtNanos; }
    public void receivedAtNanos(long nanos) { this.receivedAtNanos = nanos; }

    /** The free bytes after the packet. */
    public int tailroom() { return array.length - offset - length; }

    /** Resets the window to an empty packet at the standard headroom, ready to be filled by a receive call. */
    public PacketBuffer reset() {
        offset = HEADROOM;
        length = 0;
        receivedAtNanos = 0;
        return this;
    }

    /** Sets the window; it must leave at least {@link #TAILROOM} bytes after it. */
    public void setRange(int newOffset, int newLength) {
        if (newOffset < 0 || newLength < 0 || newOffset + newLength > array.length - TAILROOM) {
            throw new IllegalArgumentException("window " + newOffset + "+" + newLength + " leaves no tailroom");
        }
        offset = newOffset;
        length = newLength;
    }

    /** Copies {@code len} bytes in at the standard headroom. */
    public PacketBuffer copyFrom(byte[] src, int srcOff, int len) {
        if (len > MAX_PACKET) {
            throw new IllegalArgumentException("packet of " + len + " bytes exceeds " + MAX_PACKET);
        }
        System.arraycopy(src, srcOff, array, HEADROOM, len);
        offset = HEADROOM;
        length = len;
        return this;
    }

    /** Copies this packet (bytes, window and timestamp) into {@code dst}, which is returned. */
    public PacketBuffer copyTo(PacketBuffer dst) {
        System.arraycopy(array, offset, dst.array, offset, length);
        dst.offset = offset;
        dst.length = length;
        dst.receivedAtNanos = receivedAtNanos;
        return dst;
    }

    /** Gives the buffer back to its pool. The caller must not touch it afterwards. */
    public void release() {
        if (pool != null) {
            pool.give(this);
        }
    }

    // --- ByteArrayBuffer, for jitsi-srtp ---

    @Override public byte[] getBuffer() { return array; }
    @Override public int getOffset() { return offset; }
    @Override public int getLength() { return length; }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > array.length) {
            throw new IllegalArgumentException("length " + len + " does not fit");
        }
        length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off > array.length) {
            throw new IllegalArgumentException("offset " + off + " does not fit");
        }
        offset = off;
    }

    @Override public boolean isInvalid() { return false; }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(array, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > array.length) {
            throw new IllegalStateException("buffer cannot grow by " + howMuch + ": tailroom " + tailroom());
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, array, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        length = Math.max(0, length - len);
    }
}
