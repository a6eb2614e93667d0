package io.bantin.server.security;

import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps another site from logging a visitor in (login CSRF: the visitor would then work, unknowing,
 * in the attacker's account). Two checks, before a login is even attempted:
 * <ul>
 *   <li>the browser's {@code Origin} (or, when absent, {@code Referer}) must name this site: the
 *       request's own {@code Host}, or the configured public base URL. Browsers send {@code Origin}
 *       on every cross-site POST, so a request with neither header comes from a non-browser client
 *       and is let through (the JSON API's scripts keep working);</li>
 *   <li>the HTML form must carry a pre-session token equal to the {@value #COOKIE} cookie set with
 *       the form (a double submit): another site can neither read the cookie nor set it.</li>
 * </ul>
 * Thread-safe.
 */
public final class LoginCsrf {
    /** The cookie holding the login form's token; sent only to {@code /login}. */
    public static final String COOKIE = "bantin_login";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** 32 random bytes in base64url without padding. */
    private static final int TOKEN_LENGTH = 43;

    private final Supplier<String> baseUrl;
    private final boolean secure;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the checks.
     *
     * @param baseUrl the public base URL once known ({@code null} before), another accepted origin
     * @param secureCookies whether to mark the token cookie {@code Secure}
     */
    public LoginCsrf(Supplier<String> baseUrl, boolean secureCookies) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.secure = secureCookies;
    }

    /**
     * The header that shows this request comes from another site, or {@code null} when it does not:
     * {@code "Origin"} when that names another origin (or is {@code null}, as sandboxed pages send),
     * {@code "Referer"} when there is no {@code Origin} and the referring page is elsewhere.
     */
    public String crossSiteHeader(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            return isOwn(origin.trim(), ctx.header("Host")) ? null : "Origin";
        }
        String referer = ctx.header("Referer");
        if (referer != null) {
            return isOwn(referer.trim(), ctx.header("Host")) ? null : "Referer";
        }
        return null;
    }

    /**
     * The token to put in the login form: the one the browser already holds, so several open forms
     * stay valid, else a new one, set as the {@value #COOKIE} cookie.
     */
    public String formToken(Context ctx) {
        String held = ctx.cookie(COOKIE);
        if (wellFormed(held)) {
            return held;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = B64.encodeToString(bytes);
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/login; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        return token;
    }

    /** Whether the form's field equals the cookie set with the form, compared in constant time. */
    public boolean formTokenMatches(Context ctx, String presented) {
        String held = ctx.cookie(COOKIE);
        return wellFormed(held) && presented != null && MessageDigest.isEqual(
                held.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean wellFormed(String token) {
        return token != null && token.length() == TOKEN_LENGTH
                && token.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    /** Whether a URL (an origin or a referring page) is on this site. */
    private boolean isOwn(String url, String host) {
        Endpoint presented = Endpoint.of(url);
        if (presented == null) {
            // "null", or anything that is not an http(s) URL.
            return false;
        }
        if (host != null && presented.matchesHost(host)) {
            return true;
        }
        String base = baseUrl.get();
        return base != null && presented.equals(Endpoint.of(base));
    }

    /** The scheme, host and port of an http(s) URL, with the scheme's default port filled in. */
    private record Endpoint(String scheme, String host, int port) {
        static Endpoint of(String url) {
            try {
                URI u = new URI(url);
                String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
                if (!("http".equals(scheme) || "https".equals(scheme)) || u.getHost() == null) {
                    return null;
                }
                int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
                return new Endpoint(scheme, u.getHost().toLowerCase(Locale.ROOT), port);
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }

        /**
         * Whether a {@code Host} header names this endpoint. The scheme is not compared: behind a
         * TLS-terminating proxy the browser's https reaches us as http with the same Host.
         */
        boolean matchesHost(String hostHeader) {
            Endpoint h = of(scheme + "://" + hostHeader.trim());
            return h != null && h.host.equals(host) && h.port == port;
        }
    }
}
