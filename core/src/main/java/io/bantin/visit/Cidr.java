package io.bantin.visit;

/** An IP network such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a /32 or /128. */
record Cidr(long networkHigh, long networkLow, long maskHigh, long maskLow, String text) {

    /** Parses {@code text}; throws IllegalArgumentException naming it when it is not a network. */
    static Cidr parse(String text) {
        if (text == null) {
            throw new NullPointerException("excluded network is null");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        IpAddress ip = IpAddress.parse(address);
        if (ip == null || address.indexOf('%') >= 0) {
            throw new IllegalArgumentException("excluded network \"" + text + "\" is not an IP address or CIDR");
        }
        boolean v4 = address.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("excluded network \"" + text + "\" has a bad prefix length");
            }
            prefix = Integer.parseInt(digits);
            if (prefix > max) {
                throw new IllegalArgumentException(
                        "excluded network \"" + text + "\" has a prefix length above " + max);
            }
        }
        int bits = v4 ? 96 + prefix : prefix;
        long maskHigh = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long maskLow = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
        return new Cidr(ip.high() & maskHigh, ip.low() & maskLow, maskHigh, maskLow, trimmed);
    }

    boolean contains(IpAddress ip) {
        return (ip.high() & maskHigh) == networkHigh && (ip.low() & maskLow) == networkLow;
    }
}
