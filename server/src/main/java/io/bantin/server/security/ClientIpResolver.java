package io.bantin.server.security;

import java.util.List;
import java.util.Locale;

/**
 * Finds the client's IP address: the socket's peer, unless that peer is a trusted proxy, in which
 * case the right-most untrusted address of {@code X-Forwarded-For} (or {@code Forwarded: for=})
 * is taken. With no trusted proxies configured the headers are ignored entirely, so a client cannot
 * pose as many visitors by inventing them. Immutable and thread-safe.
 */
public final class ClientIpResolver {
    private final List<Cidr> trusted;

    /**
     * Creates a resolver.
     *
     * @param trustedProxies CIDRs of proxies whose forwarding headers are believed
     * @throws IllegalArgumentException when one is not a CIDR
     */
    public ClientIpResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    /**
     * Resolves the client IP.
     *
     * @param peer the socket's remote address
     * @param xForwardedFor the {@code X-Forwarded-For} header, or {@code null}
     * @param forwarded the {@code Forwarded} header (RFC 7239), or {@code null}
     * @return the client address; never {@code null}
     */
    public String resolve(String peer, String xForwardedFor, String forwarded) {
        String p = peer == null ? "" : peer;
        if (p.startsWith("[") && p.endsWith("]")) {
            p = p.substring(1, p.length() - 1);
        }
        if (trusted.isEmpty() || !isTrusted(p)) {
            return p;
        }
        List<String> chain;
        if (xForwardedFor != null && !xForwardedFor.isBlank()) {
            chain = List.of(xForwardedFor.split(","));
        } else if (forwarded != null && !forwarded.isBlank()) {
            chain = forwardedFor(forwarded);
        } else {
            return p;
        }
        // Walk from the nearest hop back: the first address not ours is the client as far as we
        // can trust; anything left of it could have been written by the client itself.
        String candidate = p;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = clean(chain.get(i));
            if (Cidr.literal(hop) == null) {
                return candidate;
            }
            candidate = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return candidate;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = Cidr.literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr c : trusted) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedFor(String header) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String kv = pair.trim();
                if (kv.toLowerCase(Locale.ROOT).startsWith("for=")) {
                    out.add(kv.substring(4));
                }
            }
        }
        return out;
    }

    private static String clean(String hop) {
        String h = hop.trim();
        if (h.startsWith("\"") && h.endsWith("\"") && h.length() >= 2) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        // IPv4 with a port ("1.2.3.4:5678"); an IPv6 literal has several colons and no port here.
        int colon = h.indexOf(':');
        if (colon > 0 && h.indexOf(':', colon + 1) < 0) {
            return h.substring(0, colon);
        }
        return h;
    }
}
