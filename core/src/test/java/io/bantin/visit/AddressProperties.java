package io.bantin.visit;

import static io.bantin.visit.Generators.anyStrings;
import static io.bantin.visit.Generators.integersBetween;
import static io.bantin.visit.Generators.stringsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated input for the one address parser, the networks built on it and the hit that validates
 * with it: every text is an address or {@code null}, every network text a network or an
 * IllegalArgumentException, and a hit is invalid exactly when its address is not one. A failure names its seed;
 * {@code -DQT_SEED=<seed>} replays it.
 */
class AddressProperties {

    @Test
    void anyTextIsAnAddressOrNullAndHitAgrees() {
        qt().withExamples(2_000).forAll(addressLike()).checkAssert(text -> {
            IpAddress ip = IpAddress.parse(text);
            if (ip == null) {
                assertThat(Hit.of(text, "ua", "/").invalidReason()).startsWith("ip ");
            } else {
                assertThat(Hit.of(text, "ua", "/").ip()).isEqualTo(text);
                assertThat(Hit.of(text, "ua", "/").invalidReason()).isNull();
                // Any address lies in the network of itself and in the whole address space of its family.
                if (text.indexOf('%') < 0) {
                    assertThat(Cidr.parse(text).contains(ip)).isTrue();
                }
                assertThat(Cidr.parse(ip.isIpv4() ? "0.0.0.0/0" : "::/0").contains(ip)).isTrue();
            }
        });
    }

    @Test
    void anyNetworkTextIsANetworkOrAnIllegalArgument() {
        qt().withExamples(2_000).forAll(networkLike()).checkAssert(text -> {
            try {
                Cidr network = Cidr.parse(text);
                assertThat(network.toString()).isEqualTo(text.strip());
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessageContaining(text);
            }
        });
    }

    @Test
    void everyDottedQuadIsReadAsTheJdkReadsItAndLeadingZerosAreRefused() {
        qt().withExamples(1_000).forAll(octets()).checkAssert(octets -> {
            String text = octets.get(0) + "." + octets.get(1) + "." + octets.get(2) + "." + octets.get(3);
            byte[] jdk = jdkAddress(text);
            assertThat(IpAddress.parse(text)).isEqualTo(IpAddress.parse("::ffff:" + text));
            assertThat(IpAddress.parse(text).low() & 0xffff_ffffL)
                    .isEqualTo(((jdk[0] & 0xffL) << 24) | ((jdk[1] & 0xffL) << 16) | ((jdk[2] & 0xffL) << 8) | (jdk[3] & 0xffL));
            assertThat(IpAddress.parse("0" + text)).isNull();
        });
    }

    private static byte[] jdkAddress(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }

    private static Gen<List<Integer>> octets() {
        return lists().of(integersBetween(0, 255)).ofSize(4);
    }

    /** Mostly near-misses built from the characters addresses are made of, plus any text at all. */
    private static Gen<String> addressLike() {
        Gen<String> pieces = stringsOf("0123456789abcdefABCDEF:.%[]/ -_x٤", 0, 45);
        Gen<String> v4 = lists().of(integersBetween(0, 400)).ofSize(4).zip(arbitrary().pick("", "0", "00", ":80", " "),
                (o, extra) -> o.get(0) + "." + o.get(1) + "." + extra + o.get(2) + "." + o.get(3));
        Gen<String> v6 = lists().of(integersBetween(0, 0xffff)).ofSizeBetween(1, 9)
                .map(groups -> String.join(":", groups.stream().map(Integer::toHexString).toList()))
                .flatMap(s -> arbitrary().pick(s, "::" + s, s + "::", s.replaceFirst(":", "::"), s + "%eth0", "[" + s + "]"));
        return Generate.oneOf(pieces, v4, v6, anyStrings(80));
    }

    private static Gen<String> networkLike() {
        return addressLike().zip(arbitrary().pick("", "/", "/0", "/8", "/32", "/33", "/64", "/128", "/129",
                "/-1", "/x", "/0008", "/99999999999"), (a, p) -> a + p);
    }
}
