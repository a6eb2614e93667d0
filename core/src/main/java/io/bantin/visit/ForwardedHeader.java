package io.bantin.visit;

import java.util.Locale;

/**
 * The header a trusted reverse proxy writes the client's address into. The operator names the one
 * their proxy writes ({@code BANTIN_FORWARDED_HEADER}); the other is ignored, so that a client
 * cannot slip an address past the proxy in the header the proxy does not rewrite.
 */
public enum ForwardedHeader {
    /** {@code X-Forwarded-For: client, proxy1, proxy2} (nginx, HAProxy, most load balancers). */
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** {@code Forwarded: for=client;proto=https, for=proxy1} (RFC 7239). */
    FORWARDED("Forwarded");

    private final String headerName;

    ForwardedHeader(String headerName) {
        this.headerName = headerName;
    }

    /** The HTTP header's name, e.g. {@code X-Forwarded-For}. */
    public String headerName() {
        return headerName;
    }

    /**
     * The header with this name, ignoring case.
     *
     * @param name {@code X-Forwarded-For} or {@code Forwarded}
     * @return the header
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static ForwardedHeader parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ForwardedHeader h : values()) {
            if (h.headerName.toLowerCase(Locale.ROOT).equals(n)) {
                return h;
            }
        }
        throw new IllegalArgumentException("not X-Forwarded-For or Forwarded: " + name);
    }
}
