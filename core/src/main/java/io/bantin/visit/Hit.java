package io.bantin.visit;

import java.util.Objects;

/**
 * One page view by one client, as handed to {@link VisitCounter#record(Hit)}.
 *
 * <p>Built with {@link #of(String, String, String)} and the {@code with...} methods, each of which
 * returns a new hit, so that fields can be added without breaking callers. Immutable and
 * thread-safe.
 *
 * <p>What the client sent (address, User-Agent, path, referrer) never makes the factory throw: a
 * web request can carry anything, and counting must never fail a page. A hit with malformed client
 * input is {@linkplain #invalidReason() invalid} and counts as {@link HitOutcome#INVALID}. What the
 * host supplies (the article id) is checked at once. {@link #toString()} redacts the IP, the
 * User-Agent, the referrer and the visitor id so that logging a hit never writes personal data.
 */
public final class Hit {

    /** Longest accepted User-Agent; servers cap request headers at about this size anyway. */
    public static final int MAX_USER_AGENT_LENGTH = 8192;
    /** Longest accepted path. */
    public static final int MAX_PATH_LENGTH = 8192;
    /** Longest accepted referrer. */
    public static final int MAX_REFERRER_LENGTH = 8192;
    /** Longest accepted host-provided visitor id. */
    public static final int MAX_VISITOR_ID_LENGTH = 256;

    private final String ip;
    private final String userAgent;
    private final String path;
    private final Long articleId;
    private final String visitorId;
    private final boolean excluded;
    private final String referrer;
    /** The parsed {@link #ip}, or null when it is not an address literal; parsed once per hit. */
    private final IpAddress address;
    /** Why the client's part of the hit is unusable, or null when it is valid. */
    private final String invalidReason;

    private Hit(String ip, String userAgent, String path, Long articleId, String visitorId, boolean excluded,
                String referrer, IpAddress address) {
        this.ip = ip;
        this.userAgent = userAgent;
        this.path = path;
        this.articleId = articleId;
        this.visitorId = visitorId;
        this.excluded = excluded;
        this.referrer = referrer;
        this.address = address;
        this.invalidReason = check();
    }

    /**
     * A hit of no article, without visitor id or referrer, not excluded. Malformed values make the
     * hit {@linkplain #invalidReason() invalid} instead of throwing.
     *
     * @param ip the client's IP address literal (IPv4 or IPv6; never resolved through DNS)
     * @param userAgent the User-Agent header, empty when the client sent none (such hits count as bots)
     * @param path the request path, starting with {@code /}
     * @throws NullPointerException if an argument is null, naming it
     */
    public static Hit of(String ip, String userAgent, String path) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(path, "path");
        return new Hit(ip, userAgent, path, null, null, false, null, IpAddress.parse(ip));
    }

    /**
     * This hit showing the article {@code articleId}.
     *
     * @throws IllegalArgumentException if articleId is not positive
     */
    public Hit withArticle(long articleId) {
        if (articleId <= 0) {
            throw new IllegalArgumentException("articleId must be positive, got " + articleId);
        }
        return new Hit(ip, userAgent, path, articleId, visitorId, excluded, referrer, address);
    }

    /**
     * This hit with a host-provided visitor id (e.g. a session id) that replaces (IP, User-Agent) as
     * identity. A blank or over-long id makes the hit invalid.
     *
     * @throws NullPointerException if visitorId is null
     */
    public Hit withVisitorId(String visitorId) {
        return new Hit(ip, userAgent, path, articleId, Objects.requireNonNull(visitorId, "visitorId"), excluded,
                referrer, address);
    }

    /** This hit, excluded from every figure (or not). */
    public Hit withExcluded(boolean excluded) {
        return new Hit(ip, userAgent, path, articleId, visitorId, excluded, referrer, address);
    }

    /**
     * This hit with the page that linked to it (the {@code Referer} header), or {@code null} for none.
     * Only its host is ever kept, as the referrer figure; an over-long one makes the hit invalid.
     */
    public Hit withReferrer(String referrer) {
        return new Hit(ip, userAgent, path, articleId, visitorId, excluded, referrer, address);
    }

    /** The client's IP address literal, as given. */
    public String ip() {
        return ip;
    }

    /** The User-Agent header, empty when the client sent none. */
    public String userAgent() {
        return userAgent;
    }

    /** The request path. */
    public String path() {
        return path;
    }

    /** The article shown, or {@code null}. */
    public Long articleId() {
        return articleId;
    }

    /** The host-provided visitor id, or {@code null}. */
    public String visitorId() {
        return visitorId;
    }

    /** Whether the hit must count nothing (e.g. a logged-in editor). */
    public boolean excluded() {
        return excluded;
    }

    /** The {@code Referer} header, or {@code null} when the client sent none. */
    public String referrer() {
        return referrer;
    }

    /**
     * Why this hit cannot be counted, naming the field and the rule it broke, or {@code null} when it
     * is valid. An invalid hit counts as {@link HitOutcome#INVALID} and nothing else.
     */
    public String invalidReason() {
        return invalidReason;
    }

    /**
     * Whether {@link #ip()} is an IPv4 or IPv6 address literal. A hit without one is
     * {@linkplain #invalidReason() invalid}; a web adapter can ask this to tell a request that has no
     * IP peer at all (never TCP) from other bad input, without parsing the address again.
     *
     * @return true if the address was read
     */
    public boolean hasAddress() {
        return address != null;
    }

    /** The parsed address; null only for an invalid hit. */
    IpAddress address() {
        return address;
    }

    private String check() {
        if (address == null) {
            return "ip must be an IPv4 or IPv6 address literal, got \"" + abbreviate(ip) + "\"";
        }
        if (userAgent.length() > MAX_USER_AGENT_LENGTH) {
            return "userAgent is longer than " + MAX_USER_AGENT_LENGTH + " characters (" + userAgent.length() + ")";
        }
        if (!path.startsWith("/")) {
            return "path must start with \"/\", got \"" + abbreviate(path) + "\"";
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return "path is longer than " + MAX_PATH_LENGTH + " characters (" + path.length() + ")";
        }
        if (visitorId != null && (visitorId.isBlank() || visitorId.length() > MAX_VISITOR_ID_LENGTH)) {
            return "visitorId must be non-blank and at most " + MAX_VISITOR_ID_LENGTH + " characters, got "
                    + visitorId.length() + " characters";
        }
        if (referrer != null && referrer.length() > MAX_REFERRER_LENGTH) {
            return "referrer is longer than " + MAX_REFERRER_LENGTH + " characters (" + referrer.length() + ")";
        }
        return null;
    }

    /** Equal when every field is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Hit h && excluded == h.excluded && ip.equals(h.ip) && userAgent.equals(h.userAgent)
                && path.equals(h.path) && Objects.equals(articleId, h.articleId)
                && Objects.equals(visitorId, h.visitorId) && Objects.equals(referrer, h.referrer);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(ip, userAgent, path, articleId, visitorId, excluded, referrer);
    }

    /** Shows the path, the article and the flag; the IP, User-Agent, referrer and visitor id are redacted. */
    @Override
    public String toString() {
        return "Hit[ip=<redacted>, userAgent=<redacted, " + userAgent.length() + " chars>, path=" + path
                + ", articleId=" + articleId + ", visitorId=" + (visitorId == null ? "null" : "<redacted>")
                + ", referrer=" + (referrer == null ? "null" : "<redacted>")
                + ", excluded=" + excluded + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
