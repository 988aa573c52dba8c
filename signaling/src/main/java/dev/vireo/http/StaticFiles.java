package dev.vireo.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web client's files, read from the classpath under a root such as {@code web/}. A request path reaches a file
 * only when every segment is a plain name (letters, digits, {@code _ - .}, not starting with a dot) and its
 * extension has a known content type: no {@code ..}, no hidden files, no directories.
 */
public final class StaticFiles {
    /** A file's bytes and how to label them. */
    public record Resource(byte[] body, String contentType) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]{0,127}){1,16}");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("wasm", "application/wasm"));

    private final ClassLoader loader;
    private final String root;

    /**
     * @param loader where the files are
     * @param root   the resource folder, e.g. {@code "web/"}
     */
    public StaticFiles(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** The file for a decoded request path such as {@code /js/app.js}, or empty. */
    public Optional<Resource> find(String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        String contentType = contentType(path);
        if (contentType == null) {
            return Optional.empty();
        }
        URL url = loader.getResource(root + path.substring(1));
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(new Resource(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** The content type for a file name's extension, or null when it is not one we serve. */
    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot <= slash + 1) {
            return null;
        }
        return CONTENT_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
