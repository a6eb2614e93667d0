package io.bantin.server.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address
 * means a single host. Immutable and thread-safe.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses CIDR notation. Only literal addresses are accepted: no name lookups.
     *
     * @throws IllegalArgumentException naming the text when it is not a CIDR
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP network: " + text, e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix out of range in " + text);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, t);
    }

    /** Whether the literal address (IPv4 or IPv6; anything else is not) lies in this network. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && contains(bytes);
    }

    /** Whether the raw address lies in this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        byte[] masked = mask(address, prefix);
        return java.util.Arrays.equals(masked, network);
    }

    /**
     * The bytes of a literal IPv4 or IPv6 address, or {@code null} when the text is not one. Never
     * resolves names.
     */
    public static byte[] literal(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        String a = address;
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = a.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean v6 = a.indexOf(':') >= 0 && a.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (v4) {
            String[] parts = a.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3) {
                    return null;
                }
                int n = Integer.parseInt(parts[i]);
                if (n > 255) {
                    return null;
                }
                out[i] = (byte) n;
            }
            return out;
        }
        if (v6) {
            try {
                // A literal with only hex digits and colons never triggers a name lookup.
                byte[] out = InetAddress.getByName(a).getAddress();
                return out;
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF00 >> bits));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
