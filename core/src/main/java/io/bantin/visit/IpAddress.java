package io.bantin.visit;

/**
 * A parsed IP address literal as 128 bits; IPv4 addresses are stored in their IPv4-mapped IPv6
 * form ({@code ::ffff:a.b.c.d}) so both spellings of one address are the same visitor and match
 * the same networks. Parsing never touches DNS, unlike {@link java.net.InetAddress#getByName}, and
 * allocates nothing but the result, because it runs on every hit.
 *
 * <p>This is the one address parser of bantin: {@link Hit} validates with it, and a server that
 * resolves client addresses or matches proxies must use it too, so that an address one part
 * accepts is never refused by another. Immutable and thread-safe.
 *
 * @param high the upper 64 bits of the 128-bit address
 * @param low the lower 64 bits
 */
public record IpAddress(long high, long low) {

    private static final long IPV4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    /**
     * Parses an IPv4 dotted quad (no leading zeros: "010" is octal to some parsers and decimal to
     * others) or an IPv6 literal, optionally with a zone ("fe80::1%eth0"); no brackets, no port.
     * Never throws and never looks a name up.
     *
     * @param text the literal, may be {@code null}
     * @return the address, or {@code null} when {@code text} is null or not such a literal
     */
    public static IpAddress parse(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        if (n == 0 || n > 64) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseIpv4(text, 0, n);
            return v4 < 0 ? null : new IpAddress(0, IPV4_MAPPED_PREFIX | v4);
        }
        return parseIpv6(text);
    }

    /** Whether this address is an IPv4 address (or its IPv4-mapped IPv6 form). */
    public boolean isIpv4() {
        return high == 0 && (low & 0xffff_ffff_0000_0000L) == IPV4_MAPPED_PREFIX;
    }

    /**
     * The network one subscriber controls, which rate limits treat as one client: an IPv4 address
     * itself, and the /64 of an IPv6 address (a subscriber's network gets a whole /64 and picks any
     * address in it).
     */
    public IpAddress subscriberNetwork() {
        return isIpv4() ? this : new IpAddress(high, 0);
    }

    /** Parses a dotted quad in {@code s[from, to)}; returns the 32-bit value or -1. */
    private static long parseIpv4(String s, int from, int to) {
        long value = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                // A leading zero ("010") is octal to some parsers and decimal to others: reject it.
                if (digits == 1 && part == 0) {
                    return -1;
                }
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0) {
                value = value << 8 | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return digits == 0 || dots != 3 ? -1 : value << 8 | part;
    }

    /**
     * Parses IPv6 text with at most one "::", an optional trailing dotted quad and an optional zone
     * ("fe80::1%eth0": it names an interface, not a different address). Groups before the gap and
     * after it are accumulated as two 128-bit numbers and joined at the end.
     */
    private static IpAddress parseIpv6(String s) {
        int end = s.indexOf('%');
        if (end == 0 || end == s.length() - 1) {
            return null;
        }
        if (end < 0) {
            end = s.length();
        }
        long headHigh = 0;
        long headLow = 0;
        long tailHigh = 0;
        long tailLow = 0;
        int headGroups = 0;
        int tailGroups = 0;
        boolean gap = false;
        int i = 0;
        if (s.startsWith("::")) {
            gap = true;
            i = 2;
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < end) {
            int start = i;
            int group = 0;
            while (i < end) {
                int digit = hex(s.charAt(i));
                if (digit < 0) {
                    break;
                }
                group = group << 4 | digit;
                i++;
            }
            int digits = i - start;
            if (i < end && s.charAt(i) == '.') {
                long v4 = parseIpv4(s, start, end);
                if (v4 < 0) {
                    return null;
                }
                if (gap) {
                    tailHigh = tailHigh << 32 | tailLow >>> 32;
                    tailLow = tailLow << 32 | v4;
                    tailGroups += 2;
                } else {
                    headHigh = headHigh << 32 | headLow >>> 32;
                    headLow = headLow << 32 | v4;
                    headGroups += 2;
                }
                i = end;
                break;
            }
            if (digits == 0 || digits > 4) {
                return null;
            }
            if (gap) {
                tailHigh = tailHigh << 16 | tailLow >>> 48;
                tailLow = tailLow << 16 | group;
                tailGroups++;
            } else {
                headHigh = headHigh << 16 | headLow >>> 48;
                headLow = headLow << 16 | group;
                headGroups++;
            }
            if (i == end) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < end && s.charAt(i) == ':') {
                if (gap) {
                    return null;
                }
                gap = true;
                i++;
            } else if (i == end) {
                return null;
            }
        }
        // The one count check: groups beyond eight only shifted bits out, and are refused here.
        int groups = headGroups + tailGroups;
        if (gap ? groups > 7 : groups != 8) {
            return null;
        }
        // Move the head groups to the top: shift the 128-bit head left by the missing groups.
        int shift = 16 * (8 - headGroups);
        long high;
        long low;
        if (shift >= 64) {
            // Also right for no head groups (shift 128, a shift distance Java takes mod 64): headLow is 0.
            high = headLow << (shift - 64);
            low = 0;
        } else if (shift == 0) {
            high = headHigh;
            low = headLow;
        } else {
            high = headHigh << shift | headLow >>> (64 - shift);
            low = headLow << shift;
        }
        return new IpAddress(high | tailHigh, low | tailLow);
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
