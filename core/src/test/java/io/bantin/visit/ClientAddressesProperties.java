package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated forwarding headers from a trusted proxy: whatever a client smuggles through, the resolver
 * answers an address the counter accepts, never throws, and never believes the header it was not
 * told to. A failure names its seed; {@code -DQT_SEED=<seed>} replays it.
 */
class ClientAddressesProperties {
    private static final List<String> TRUSTED = List.of("10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8");

    @Test
    void everyHeaderValueResolvesToAnAddressTheCounterAccepts() {
        qt().withExamples(3_000).forAll(peers(), headers(), headers()).checkAssert((peer, xForwardedFor, forwarded) -> {
            for (ForwardedHeader header : ForwardedHeader.values()) {
                String ip = ClientAddresses.trusting(TRUSTED, header).resolve(peer, xForwardedFor, forwarded);
                assertThat(IpAddress.parse(ip)).as(ip).isNotNull();
                assertThat(Hit.of(ip, "ua", "/").ip()).isEqualTo(ip);
                assertThat(ip).doesNotContain("%", "[", "]", "\"");
            }
        });
    }

    @Test
    void theHeaderNotChosenChangesNothing() {
        qt().withExamples(1_000).forAll(peers(), headers(), headers(), headers())
                .checkAssert((peer, chosen, other, otherToo) -> {
                    ClientAddresses xff = ClientAddresses.trusting(TRUSTED, ForwardedHeader.X_FORWARDED_FOR);
                    assertThat(xff.resolve(peer, chosen, other)).isEqualTo(xff.resolve(peer, chosen, otherToo));
                    ClientAddresses fwd = ClientAddresses.trusting(TRUSTED, ForwardedHeader.FORWARDED);
                    assertThat(fwd.resolve(peer, other, chosen)).isEqualTo(fwd.resolve(peer, otherToo, chosen));
                });
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSends() {
        qt().withExamples(1_000).forAll(headers(), headers()).checkAssert((xForwardedFor, forwarded) -> {
            for (ForwardedHeader header : ForwardedHeader.values()) {
                assertThat(ClientAddresses.trusting(TRUSTED, header).resolve("203.0.113.9", xForwardedFor, forwarded))
                        .isEqualTo("203.0.113.9");
            }
        });
    }

    private static Gen<String> peers() {
        return arbitrary().pick("127.0.0.1", "10.1.2.3", "[::1]", "::1", "fd00::5", "203.0.113.9", "fe80::1%eth0");
    }

    /** Lists of hops in every form a proxy or a client writes, with and without {@code for=}, and noise. */
    private static Gen<String> headers() {
        Gen<String> address = arbitrary().pick("1.2.3.4", "010.0.0.1", "10.0.0.7", "127.0.0.1", "2001:db8::1",
                "fe80::1%eth0", "fe80::1%25eth0", "::ffff:1.2.3.4", "::1", "fd00::9", "256.1.1.1", "1.2.3", "::ffff:1.2.3",
                "unknown", "_hidden", "_a.b-c", "", " ", "\"", "[", "]", "%", "1:2:3:4:5:6:7:8:9");
        Gen<String> hop = address.flatMap(a -> arbitrary().pick(a, a + ":8080", "[" + a + "]", "[" + a + "]:443",
                "[" + a + "]:_p", "\"" + a + "\"", "\"[" + a + "]:1\"", a + ":99999999"));
        Gen<String> element = hop.flatMap(h -> arbitrary().pick(h, "for=" + h, "For = " + h, "proto=https;for=" + h,
                "for=" + h + ";by=10.0.0.1", "by=" + h, "for=" + h + ";for=1.2.3.4"));
        Gen<String> noise = strings().ascii().ofLengthBetween(0, 30);
        return lists().of(Generate.oneOf(element, element, noise)).ofSizeBetween(0, 6)
                .flatMap(parts -> arbitrary().pick(", ", ",", ";", " ,, ").map(sep -> String.join(sep, parts)));
    }
}
