package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated input for the one address parser, the networks built on it and the hit that validates
 * with it: every text is an address or {@code null}, every network text a network or an
 * IllegalArgumentException, and never anything else.
 */
class AddressProperties {

    @Property(tries = 2_000)
    void anyTextIsAnAddressOrNullAndHitAgrees(@ForAll("addressLike") String text) {
        IpAddress ip = IpAddress.parse(text);
        if (ip == null) {
            assertThatThrownBy(() -> Hit.of(text, "ua", "/")).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Hit.of(text, "ua", "/").ip()).isEqualTo(text);
            // Any address lies in the network of itself and in the whole address space of its family.
            if (text.indexOf('%') < 0) {
                assertThat(Cidr.parse(text).contains(ip)).isTrue();
            }
            assertThat(Cidr.parse(ip.isIpv4() ? "0.0.0.0/0" : "::/0").contains(ip)).isTrue();
        }
    }

    @Property(tries = 2_000)
    void anyNetworkTextIsANetworkOrAnIllegalArgument(@ForAll("networkLike") String text) {
        try {
            Cidr network = Cidr.parse(text);
            assertThat(network.toString()).isEqualTo(text.strip());
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining(text);
        }
    }

    @Property(tries = 1_000)
    void everyDottedQuadIsReadAsTheJdkReadsItAndLeadingZerosAreRefused(
            @ForAll("octets") List<Integer> octets) throws Exception {
        String text = octets.get(0) + "." + octets.get(1) + "." + octets.get(2) + "." + octets.get(3);
        byte[] jdk = InetAddress.getByName(text).getAddress();
        assertThat(IpAddress.parse(text)).isEqualTo(IpAddress.parse("::ffff:" + text));
        assertThat(IpAddress.parse(text).low() & 0xffff_ffffL)
                .isEqualTo(((jdk[0] & 0xffL) << 24) | ((jdk[1] & 0xffL) << 16) | ((jdk[2] & 0xffL) << 8) | (jdk[3] & 0xffL));
        assertThat(IpAddress.parse("0" + text)).isNull();
    }

    @Provide
    Arbitrary<List<Integer>> octets() {
        return Arbitraries.integers().between(0, 255).list().ofSize(4);
    }

    /** Mostly near-misses built from the characters addresses are made of, plus any text at all. */
    @Provide
    Arbitrary<String> addressLike() {
        Arbitrary<String> pieces = Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%[]/ -_x٤")
                .ofMinLength(0).ofMaxLength(45);
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.integers().between(0, 400).list().ofSize(4),
                Arbitraries.of("", "0", "00", ":80", " ")).as((o, extra) ->
                o.get(0) + "." + o.get(1) + "." + extra + o.get(2) + "." + o.get(3));
        Arbitrary<String> v6 = Arbitraries.integers().between(0, 0xffff).list().ofMinSize(1).ofMaxSize(9)
                .map(groups -> String.join(":", groups.stream().map(Integer::toHexString).toList()))
                .flatMap(s -> Arbitraries.of(s, "::" + s, s + "::", s.replaceFirst(":", "::"), s + "%eth0", "[" + s + "]"));
        return Arbitraries.oneOf(pieces, v4, v6, Arbitraries.strings().ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> networkLike() {
        return Combinators.combine(addressLike(), Arbitraries.of("", "/", "/0", "/8", "/32", "/33", "/64", "/128", "/129",
                "/-1", "/x", "/0008", "/99999999999")).as((a, p) -> a + p);
    }
}
