package io.bantin.visit;

import java.util.Set;

/** Derives {@link Dimension#REFERRER}'s value: the referring host, nothing more. Stateless. */
final class ReferrerDomains {

    private ReferrerDomains() {
    }

    /**
     * The host of {@code referrer} lower-cased without {@code www.}, or one of the
     * {@link Dimension} markers.
     *
     * @param referrer the {@code Referer} header, or null
     * @param ownHosts the site's own hosts, lower-case, without {@code www.}
     */
    static String of(String referrer, Set<String> ownHosts) {
        if (referrer == null || referrer.isBlank()) {
            return Dimension.DIRECT;
        }
        String r = referrer.strip();
        int scheme = r.indexOf("://");
        if (scheme <= 0) {
            return Dimension.UNKNOWN;
        }
        int start = scheme + 3;
        int end = start;
        while (end < r.length() && "/?#".indexOf(r.charAt(end)) < 0) {
            end++;
        }
        String authority = r.substring(start, end);
        // user:password@host:port, and never the user part.
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Dimension.UNKNOWN;
            }
            host = authority.substring(0, close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        host = Dimension.lower(host);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (host.isEmpty() || host.length() > Dimension.MAX_VALUE_LENGTH || !isHostText(host)) {
            return Dimension.UNKNOWN;
        }
        return ownHosts.contains(host) ? Dimension.INTERNAL : host;
    }

    /** Letters, digits, dots, hyphens and an IPv6 literal's brackets and colons: what a host can be. */
    private static boolean isHostText(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
                    || c == '[' || c == ']' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A configured host in the form {@link #of} compares with: lower-case, without {@code www.}. */
    static String normalizeOwnHost(String host) {
        String h = Dimension.lower(host.strip());
        return h.startsWith("www.") ? h.substring(4) : h;
    }
}
