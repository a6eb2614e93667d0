package io.bantin.visit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the client's IP address of a web request: the socket's peer, unless that peer is a trusted
 * proxy, in which case the right-most untrusted address of the one forwarding header the proxy
 * writes ({@link ForwardedHeader}) is taken; the other header is ignored. With no trusted proxies
 * both headers are ignored entirely, so a client cannot pose as many visitors by inventing them.
 *
 * <p>Addresses and networks are read by the counter's own parser ({@link IpAddress#parse},
 * {@link Cidr#parse}), so whatever this returns is accepted by {@link Hit}. A hop that is not an
 * address (garbage, {@code unknown}, an obfuscated {@code _hidden}, "010.0.0.1") ends the walk: the
 * nearest address that could be trusted is taken instead. Nothing a client sends makes
 * {@link #resolve} throw. The server, the servlet filter and the Javalin plugin all resolve through
 * this class. Immutable and thread-safe.
 */
public final class ClientAddresses {
    private static final ClientAddresses DIRECT = new ClientAddresses(List.of(), ForwardedHeader.X_FORWARDED_FOR);

    private final List<Cidr> trusted;
    private final ForwardedHeader header;

    private ClientAddresses(List<Cidr> trusted, ForwardedHeader header) {
        this.trusted = trusted;
        this.header = header;
    }

    /**
     * Rules for a site reached directly, with no proxy in front: the socket's peer is the client and
     * forwarding headers are ignored.
     *
     * @return the rules
     */
    public static ClientAddresses direct() {
        return DIRECT;
    }

    /**
     * Rules for a site behind reverse proxies.
     *
     * @param trustedProxies networks of proxies whose forwarding header is believed, such as
     *     {@code 10.0.0.0/8} or {@code ::1}; empty means none is
     * @param header the header those proxies write; the other one is ignored
     * @return the rules
     * @throws IllegalArgumentException naming the text when one is not a network
     * @throws NullPointerException when an argument or a network is {@code null}
     */
    public static ClientAddresses trusting(Collection<String> trustedProxies, ForwardedHeader header) {
        Objects.requireNonNull(header, "header");
        return new ClientAddresses(trustedProxies.stream().map(Cidr::parse).toList(), header);
    }

    /** The forwarding header these rules believe. */
    public ForwardedHeader header() {
        return header;
    }

    /**
     * Resolves the client IP from both headers as the request carried them; only the configured one
     * is read.
     *
     * @param peer the socket's remote address
     * @param xForwardedFor the {@code X-Forwarded-For} header, or {@code null}
     * @param forwarded the {@code Forwarded} header (RFC 7239), or {@code null}
     * @return the client address, an address literal {@link IpAddress#parse} accepts, without zone;
     *     only when the peer itself is not one (never on a TCP socket) the peer as given
     */
    public String resolve(String peer, String xForwardedFor, String forwarded) {
        String p = unbracket(peer == null ? "" : peer.strip());
        IpAddress peerIp = IpAddress.parse(p);
        if (peerIp == null) {
            return p;
        }
        p = withoutZone(p);
        if (!isTrusted(peerIp)) {
            return p;
        }
        String value = header == ForwardedHeader.FORWARDED ? forwarded : xForwardedFor;
        if (value == null || value.isBlank()) {
            return p;
        }
        List<String> chain = header == ForwardedHeader.FORWARDED ? forwardedFor(value) : List.of(value.split(","));
        // Walk from the nearest hop back: the first address not ours is the client as far as we
        // can trust; anything left of it could have been written by the client itself.
        String candidate = p;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = hopAddress(chain.get(i));
            IpAddress ip = IpAddress.parse(hop);
            if (ip == null) {
                return candidate;
            }
            candidate = withoutZone(hop);
            if (!isTrusted(ip)) {
                return candidate;
            }
        }
        return candidate;
    }

    private boolean isTrusted(IpAddress ip) {
        for (Cidr c : trusted) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code for=} values of a {@code Forwarded} header, nearest hop last. */
    private static List<String> forwardedFor(String header) {
        List<String> out = new ArrayList<>();
        for (String element : header.split(",")) {
            String hop = null;
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                    hop = pair.substring(eq + 1);
                }
            }
            // An element without for= is a hop whose client is unknown: it stops the walk like "unknown".
            out.add(hop == null ? "" : hop);
        }
        return out;
    }

    /**
     * The address part of one hop: quotes, brackets and a port removed ({@code "[2001:db8::1]:4711"},
     * {@code 192.0.2.1:80}); whatever is left may still be no address at all.
     */
    private static String hopAddress(String hop) {
        String h = hop.strip();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1).strip();
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            // After the bracket only a port may follow; anything else makes the hop no address. With no
            // bracket end is -1, so the rest is the whole hop, which starts with "[" and is no port.
            String rest = h.substring(end + 1);
            return rest.isEmpty() || isPort(rest) ? h.substring(1, end) : h;
        }
        // IPv4 with a port ("1.2.3.4:5678"); a bare IPv6 literal has several colons and no port.
        int colon = h.indexOf(':');
        if (colon > 0 && h.indexOf(':', colon + 1) < 0 && isPort(h.substring(colon))) {
            return h.substring(0, colon);
        }
        return h;
    }

    /** Whether text is {@code :} and 1 to 5 digits, or an obfuscated port ({@code :_abc}). */
    private static boolean isPort(String text) {
        if (text.length() < 2 || text.length() > 33 || text.charAt(0) != ':') {
            return false;
        }
        String port = text.substring(1);
        if (port.charAt(0) == '_') {
            return port.chars().allMatch(c -> c == '_' || c == '.' || c == '-' || (c < 128 && Character.isLetterOrDigit(c)));
        }
        return port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String unbracket(String address) {
        return address.length() >= 2 && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
    }

    /** A zone names the interface the packet came in on, not another host: it is dropped. */
    private static String withoutZone(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
