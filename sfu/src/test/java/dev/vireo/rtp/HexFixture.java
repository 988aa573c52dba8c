package dev.vireo.rtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads annotated hex fixtures from the test classpath: pairs of hex digits separated by any whitespace; everything
 * from '#' to the end of a line is a comment.
 */
public final class HexFixture {
    private HexFixture() {
    }

    public static byte[] load(String resource) {
        try (InputStream in = HexFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String hex = (comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s+", "");
            if (hex.length() % 2 != 0) {
                throw new IllegalArgumentException("odd number of hex digits in line: " + line);
            }
            for (int i = 0; i < hex.length(); i += 2) {
                out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }

    /** {@code bytes} copied into a larger array at {@code off}, surrounded by junk, so tests exercise offsets. */
    public static byte[] embed(byte[] bytes, int off) {
        byte[] b = new byte[off + bytes.length + 7];
        java.util.Arrays.fill(b, (byte) 0xA5);
        System.arraycopy(bytes, 0, b, off, bytes.length);
        return b;
    }
}
