package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.Hit;
import io.bantin.visit.IpAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated forwarding headers from a trusted proxy: whatever a client smuggles through, the resolver
 * answers an address the counter accepts, never throws, and never believes the header it was not
 * told to.
 */
class ResolverProperties {
    private static final List<String> TRUSTED = List.of("10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8");

    @Property(tries = 3_000)
    void everyHeaderValueResolvesToAnAddressTheCounterAccepts(@ForAll("peers") String peer,
            @ForAll("headers") String xForwardedFor, @ForAll("headers") String forwarded) {
        for (ForwardedHeader header : ForwardedHeader.values()) {
            String ip = new ClientIpResolver(TRUSTED, header).resolve(peer, xForwardedFor, forwarded);
            assertThat(IpAddress.parse(ip)).as(ip).isNotNull();
            assertThat(Hit.of(ip, "ua", "/").ip()).isEqualTo(ip);
            assertThat(ip).doesNotContain("%", "[", "]", "\"");
        }
    }

    @Property(tries = 1_000)
    void theHeaderNotChosenChangesNothing(@ForAll("peers") String peer, @ForAll("headers") String chosen,
            @ForAll("headers") String other, @ForAll("headers") String otherToo) {
        ClientIpResolver xff = new ClientIpResolver(TRUSTED, ForwardedHeader.X_FORWARDED_FOR);
        assertThat(xff.resolve(peer, chosen, other)).isEqualTo(xff.resolve(peer, chosen, otherToo));
        ClientIpResolver fwd = new ClientIpResolver(TRUSTED, ForwardedHeader.FORWARDED);
        assertThat(fwd.resolve(peer, other, chosen)).isEqualTo(fwd.resolve(peer, otherToo, chosen));
    }

    @Property(tries = 1_000)
    void anUntrustedPeerIsTheClientWhateverItSends(@ForAll("headers") String xForwardedFor,
            @ForAll("headers") String forwarded) {
        for (ForwardedHeader header : ForwardedHeader.values()) {
            assertThat(new ClientIpResolver(TRUSTED, header).resolve("203.0.113.9", xForwardedFor, forwarded))
                    .isEqualTo("203.0.113.9");
        }
    }

    @Provide
    Arbitrary<String> peers() {
        return Arbitraries.of("127.0.0.1", "10.1.2.3", "[::1]", "::1", "fd00::5", "203.0.113.9", "fe80::1%eth0");
    }

    /** Lists of hops in every form a proxy or a client writes, with and without {@code for=}, and noise. */
    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> address = Arbitraries.of("1.2.3.4", "010.0.0.1", "10.0.0.7", "127.0.0.1", "2001:db8::1",
                "fe80::1%eth0", "fe80::1%25eth0", "::ffff:1.2.3.4", "::1", "fd00::9", "256.1.1.1", "1.2.3", "::ffff:1.2.3",
                "unknown", "_hidden", "_a.b-c", "", " ", "\"", "[", "]", "%", "1:2:3:4:5:6:7:8:9");
        Arbitrary<String> hop = address.flatMap(a -> Arbitraries.of(a, a + ":8080", "[" + a + "]", "[" + a + "]:443",
                "[" + a + "]:_p", "\"" + a + "\"", "\"[" + a + "]:1\"", a + ":99999999"));
        Arbitrary<String> element = hop.flatMap(h -> Arbitraries.of(h, "for=" + h, "For = " + h, "proto=https;for=" + h,
                "for=" + h + ";by=10.0.0.1", "by=" + h, "for=" + h + ";for=1.2.3.4"));
        Arbitrary<String> noise = Arbitraries.strings().ascii().ofMaxLength(30);
        return Arbitraries.oneOf(element, element, noise).list().ofMaxSize(6)
                .flatMap(parts -> Arbitraries.of(", ", ",", ";", " ,, ").map(sep -> String.join(sep, parts)));
    }
}
