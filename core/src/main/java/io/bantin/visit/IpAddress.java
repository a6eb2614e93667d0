package io.bantin.visit;

/**
 * A parsed IP address literal as 128 bits; IPv4 addresses are stored in their IPv4-mapped IPv6
 * form ({@code ::ffff:a.b.c.d}) so both spellings of one address are the same visitor and match
 * the same networks. Parsing never touches DNS, unlike {@link java.net.InetAddress#getByName}.
 */
record IpAddress(long high, long low) {

    private static final long IPV4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    /** Returns the address, or {@code null} when {@code text} is not an IPv4 or IPv6 literal. */
    static IpAddress parse(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseIpv4(text, 0, text.length());
            return v4 < 0 ? null : new IpAddress(0, IPV4_MAPPED_PREFIX | v4);
        }
        return parseIpv6(text);
    }

    /** Whether this address is an IPv4 address (or its IPv4-mapped IPv6 form). */
    boolean isIpv4() {
        return high == 0 && (low & 0xffff_ffff_0000_0000L) == IPV4_MAPPED_PREFIX;
    }

    /** Parses a dotted quad in {@code s[from, to)}; returns the 32-bit value or -1. */
    private static long parseIpv4(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            // A leading zero ("010") is octal to some parsers and decimal to others: reject it.
            if (digits == 0 || part > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (parts < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? value : -1;
    }

    private static IpAddress parseIpv6(String s) {
        int end = s.indexOf('%');
        // A zone id ("fe80::1%eth0") names an interface, not a different address.
        if (end == 0 || end == s.length() - 1) {
            return null;
        }
        if (end < 0) {
            end = s.length();
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == end) {
                return new IpAddress(0, 0);
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < end) {
            int start = i;
            int group = 0;
            while (i < end && hex(s.charAt(i)) >= 0 && i - start < 5) {
                group = (group << 4) | hex(s.charAt(i));
                i++;
            }
            int digits = i - start;
            if (i < end && s.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits, e.g. ::ffff:192.0.2.1.
                if (count > 6) {
                    return null;
                }
                long v4 = parseIpv4(s, start, end);
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = end;
                break;
            }
            if (digits == 0 || digits > 4 || count == 8) {
                return null;
            }
            groups[count++] = group;
            if (i == end) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < end && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == end) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        return new IpAddress(high, low);
    }

    /** ASCII hex digit value, or -1; Character.digit would also accept non-ASCII digits. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
