package io.bantin.visit;

import java.util.Objects;

/**
 * An IP network such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a /32 or
 * /128. Addresses are read by {@link IpAddress#parse}, so a network matches exactly the addresses
 * that the counter accepts; an IPv4 network also matches the IPv4-mapped IPv6 spelling of its
 * addresses. Immutable and thread-safe.
 */
public final class Cidr {
    private final long networkHigh;
    private final long networkLow;
    private final long maskHigh;
    private final long maskLow;
    private final String text;

    private Cidr(long networkHigh, long networkLow, long maskHigh, long maskLow, String text) {
        this.networkHigh = networkHigh;
        this.networkLow = networkLow;
        this.maskHigh = maskHigh;
        this.maskLow = maskLow;
        this.text = text;
    }

    /**
     * Parses a network: an address literal, optionally followed by {@code /prefix}. Surrounding
     * white space is ignored; zones and names are not networks.
     *
     * @param text the network
     * @return the network
     * @throws NullPointerException if text is null
     * @throws IllegalArgumentException naming the text when it is not a network
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "network");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        IpAddress ip = IpAddress.parse(address);
        if (ip == null || address.indexOf('%') >= 0) {
            throw new IllegalArgumentException("network \"" + text + "\" is not an IP address or CIDR");
        }
        boolean v4 = address.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("network \"" + text + "\" has a bad prefix length");
            }
            prefix = Integer.parseInt(digits);
            if (prefix > max) {
                throw new IllegalArgumentException("network \"" + text + "\" has a prefix length above " + max);
            }
        }
        int bits = v4 ? 96 + prefix : prefix;
        long maskHigh = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long maskLow = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
        return new Cidr(ip.high() & maskHigh, ip.low() & maskLow, maskHigh, maskLow, trimmed);
    }

    /**
     * Whether the address lies in this network.
     *
     * @param ip the address; {@code null} (an unparsable one) lies in no network
     * @return whether it matches
     */
    public boolean contains(IpAddress ip) {
        return ip != null && (ip.high() & maskHigh) == networkHigh && (ip.low() & maskLow) == networkLow;
    }

    /**
     * Whether the address literal lies in this network; text that is not an address (see
     * {@link IpAddress#parse}) lies in none.
     *
     * @param address the literal, may be {@code null}
     * @return whether it matches
     */
    public boolean contains(String address) {
        return contains(IpAddress.parse(address));
    }

    /** Two networks are equal when they hold the same addresses, however they were written. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.networkHigh == networkHigh && c.networkLow == networkLow
                && c.maskHigh == maskHigh && c.maskLow == maskLow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(networkHigh, networkLow, maskHigh, maskLow);
    }

    /** The network as it was written, without surrounding white space. */
    @Override
    public String toString() {
        return text;
    }
}
