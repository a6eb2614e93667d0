package io.bantin.visit;

import java.util.Objects;

/**
 * One page view by one client, as handed to {@link VisitCounter#record(Hit)}.
 *
 * <p>Immutable and validated on construction. {@link #toString()} redacts the IP, the User-Agent
 * and the visitor id so that logging a hit never writes personal data.
 *
 * @param ip the client's IP address literal (IPv4 or IPv6; never resolved through DNS)
 * @param userAgent the User-Agent header, empty when the client sent none (such hits count as bots)
 * @param path the request path, starting with {@code /}
 * @param articleId the article shown, or {@code null}; positive
 * @param visitorId a host-provided visitor id (e.g. a session id) that replaces (IP, User-Agent)
 *     as the visitor's identity, or {@code null}
 * @param excluded whether the hit must count nothing (e.g. a logged-in editor)
 */
public record Hit(String ip, String userAgent, String path, Long articleId, String visitorId, boolean excluded) {

    /** Longest accepted User-Agent; servers cap request headers at about this size anyway. */
    public static final int MAX_USER_AGENT_LENGTH = 8192;
    /** Longest accepted path. */
    public static final int MAX_PATH_LENGTH = 8192;
    /** Longest accepted host-provided visitor id. */
    public static final int MAX_VISITOR_ID_LENGTH = 256;

    /**
     * Validates every component.
     *
     * @throws NullPointerException if ip, userAgent or path is null, naming it
     * @throws IllegalArgumentException if a component breaks its rule, naming it
     */
    public Hit {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(path, "path");
        if (IpAddress.parse(ip) == null) {
            throw new IllegalArgumentException("ip must be an IPv4 or IPv6 address literal, got \""
                    + abbreviate(ip) + "\"");
        }
        if (userAgent.length() > MAX_USER_AGENT_LENGTH) {
            throw new IllegalArgumentException("userAgent is longer than " + MAX_USER_AGENT_LENGTH
                    + " characters (" + userAgent.length() + ")");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with \"/\", got \"" + abbreviate(path) + "\"");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("path is longer than " + MAX_PATH_LENGTH
                    + " characters (" + path.length() + ")");
        }
        if (articleId != null && articleId <= 0) {
            throw new IllegalArgumentException("articleId must be positive, got " + articleId);
        }
        if (visitorId != null && (visitorId.isBlank() || visitorId.length() > MAX_VISITOR_ID_LENGTH)) {
            throw new IllegalArgumentException("visitorId must be non-blank and at most "
                    + MAX_VISITOR_ID_LENGTH + " characters, got " + visitorId.length() + " characters");
        }
    }

    /**
     * A hit of no article, without visitor id, not excluded.
     *
     * @throws NullPointerException if an argument is null, naming it
     * @throws IllegalArgumentException if an argument is malformed, naming it
     */
    public static Hit of(String ip, String userAgent, String path) {
        return new Hit(ip, userAgent, path, null, null, false);
    }

    /**
     * This hit showing the article {@code articleId}.
     *
     * @throws IllegalArgumentException if articleId is not positive
     */
    public Hit withArticle(long articleId) {
        return new Hit(ip, userAgent, path, articleId, visitorId, excluded);
    }

    /**
     * This hit with a host-provided visitor id that replaces (IP, User-Agent) as identity.
     *
     * @throws IllegalArgumentException if visitorId is blank or too long
     */
    public Hit withVisitorId(String visitorId) {
        return new Hit(ip, userAgent, path, articleId, Objects.requireNonNull(visitorId, "visitorId"), excluded);
    }

    /** This hit, excluded from every figure (or not). */
    public Hit withExcluded(boolean excluded) {
        return new Hit(ip, userAgent, path, articleId, visitorId, excluded);
    }

    /** Shows the path, the article and the flag; the IP, User-Agent and visitor id are redacted. */
    @Override
    public String toString() {
        return "Hit[ip=<redacted>, userAgent=<redacted, " + userAgent.length() + " chars>, path=" + path
                + ", articleId=" + articleId + ", visitorId=" + (visitorId == null ? "null" : "<redacted>")
                + ", excluded=" + excluded + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
