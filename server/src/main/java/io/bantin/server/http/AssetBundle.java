package io.bantin.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of static files served under {@code <prefix>/<version>/<name>}, where the version is a
 * hash of all the files: a new release changes the URL, so browsers may keep each file for a
 * year ({@code immutable}); an old version in a URL still gets the current file, briefly cached.
 * Immutable and thread-safe.
 */
public final class AssetBundle {
    private final String prefix;
    private final String version;
    private final Map<String, Asset> assets;

    /**
     * Creates a bundle.
     *
     * @param prefix URL prefix without trailing slash, e.g. {@code /assets/bantin}
     * @param files file name to content
     */
    public AssetBundle(String prefix, Map<String, byte[]> files) {
        this.prefix = prefix;
        Map<String, Asset> map = new LinkedHashMap<>();
        MessageDigest all = sha256();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
            byte[] bytes = e.getValue().clone();
            all.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            all.update(bytes);
            String etag = "\"" + HexFormat.of().formatHex(sha256().digest(bytes), 0, 8) + "\"";
            map.put(e.getKey(), new Asset(bytes, contentType(e.getKey()), etag));
        }
        this.assets = Map.copyOf(map);
        this.version = HexFormat.of().formatHex(all.digest(), 0, 5);
    }

    /**
     * Loads named files from the classpath.
     *
     * @throws UncheckedIOException when one is missing
     */
    public static Map<String, byte[]> fromClasspath(String folder, String... names) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : names) {
            String path = folder + "/" + name;
            try (InputStream in = AssetBundle.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("missing resource " + path));
                }
                out.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The URL path prefix including the version, e.g. {@code /assets/bantin/3fa2c1d0e9}. */
    public String base() {
        return prefix + "/" + version;
    }

    /** The versioned URL of one file. */
    public String url(String name) {
        return base() + "/" + name;
    }

    /** The route pattern this bundle answers, for registration. */
    public String routePattern() {
        return prefix + "/{version}/{name}";
    }

    /** Serves {@code {name}} (304 when the ETag matches, 404 when unknown). */
    public void serve(Context ctx) {
        Asset a = assets.get(ctx.pathParam("name"));
        if (a == null) {
            throw ApiException.notFound("no such asset");
        }
        boolean current = version.equals(ctx.pathParam("version"));
        send(ctx, a, current ? "public, max-age=31536000, immutable" : "public, max-age=300");
    }

    /** Serves one named file of this bundle at a fixed URL with a short cache (e.g. widget.js). */
    public void serveFixed(Context ctx, String name) {
        Asset a = assets.get(name);
        if (a == null) {
            throw ApiException.notFound("no such asset");
        }
        send(ctx, a, "public, max-age=300");
    }

    /** The asset with its cache policy and ETag, or 304 when the client has this version. */
    private static void send(Context ctx, Asset a, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", a.etag);
        if (a.etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(a.contentType);
        ctx.result(a.bytes);
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (n.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (n.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (n.endsWith(".png")) {
            return "image/png";
        } else if (n.endsWith(".woff2")) {
            return "font/woff2";
        } else if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private record Asset(byte[] bytes, String contentType, String etag) {
    }
}
