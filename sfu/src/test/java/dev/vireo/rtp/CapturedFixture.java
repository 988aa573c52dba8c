package dev.vireo.rtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A packet captured from a real browser (see {@code captured/README.md} beside the fixtures): the bytes, in the
 * {@link HexFixture} format, and the capture's metadata, written in the header as {@code # @key: value} lines. A value's
 * first word is the datum; any words after it are explanation for the human reader.
 */
public record CapturedFixture(String resource, byte[] bytes, Map<String, String> metadata) {

    public static CapturedFixture load(String resource) {
        try (InputStream in = CapturedFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> metadata = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# @")) {
                    int colon = line.indexOf(':', 3);
                    if (colon < 0) {
                        throw new IllegalArgumentException(resource + ": metadata line without ':' " + line);
                    }
                    metadata.put(line.substring(3, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return new CapturedFixture(resource, HexFixture.parse(text), Map.copyOf(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole value of a metadata key; a missing key fails the test that needs it. */
    public String text(String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException(resource + " has no metadata '@" + key + "'");
        }
        return value;
    }

    /** The first word of a metadata value. */
    public String word(String key) {
        return text(key).split("\\s+")[0];
    }

    public long number(String key) {
        return Long.parseLong(word(key));
    }

    /** The leading numeric words of a value, as 32-bit SSRCs (unsigned in the file, Java ints here). */
    public Set<Integer> ssrcs(String key) {
        return Arrays.stream(text(key).split("\\s+"))
                .takeWhile(w -> w.chars().allMatch(Character::isDigit))
                .map(w -> (int) Long.parseLong(w))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Extension ID → URI short name for every {@code @ext.<name>: <id>} line: the IDs the SFU negotiated. */
    public Map<Integer, String> negotiatedExtensions() {
        Map<Integer, String> ids = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith("ext.")) {
                ids.put(Integer.parseInt(v.split("\\s+")[0]), k.substring(4));
            }
        });
        return ids;
    }

    /** The ID the SFU negotiated for an extension, e.g. {@code extensionId("abs-send-time")}. */
    public int extensionId(String name) {
        return (int) number("ext." + name);
    }
}
