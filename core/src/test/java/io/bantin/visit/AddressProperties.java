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

    @Test
    void everyIpv6SpellingIsReadAsItsEightGroupsAndAsTheJdkReadsIt() {
        // Eight groups, a run of them zeroed for a gap anywhere (or none), the last two groups perhaps a
        // dotted quad, in either case: every way RFC 4291 allows to write the same address.
        qt().withExamples(3_000)
                .forAll(lists().of(integersBetween(0, 0xffff)).ofSize(8), integersBetween(0, 7), integersBetween(0, 8),
                        integersBetween(0, 3))
                .checkAssert((groups, gapStart, gapLength, spelling) -> {
                    boolean dottedQuad = (spelling & 1) != 0;
                    boolean upper = (spelling & 2) != 0;
                    int[] g = groups.stream().mapToInt(Integer::intValue).toArray();
                    int gapEnd = Math.min(8, gapStart + gapLength);
                    for (int i = gapStart; i < gapEnd; i++) {
                        g[i] = 0;
                    }
                    boolean quad = dottedQuad && gapEnd <= 6;
                    String text = spell(g, gapLength == 0 ? -1 : gapStart, gapEnd, quad);
                    text = upper ? text.toUpperCase(java.util.Locale.ROOT) : text;
                    long high = 0;
                    long low = 0;
                    for (int i = 0; i < 4; i++) {
                        high = high << 16 | g[i];
                        low = low << 16 | g[i + 4];
                    }
                    IpAddress ip = IpAddress.parse(text);
                    assertThat(ip).as(text).isEqualTo(new IpAddress(high, low));
                    byte[] jdk = jdkAddress(text);
                    byte[] expected = java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array();
                    if (jdk.length == 4) {
                        // The JDK answers an IPv4-mapped address as the IPv4 address itself.
                        assertThat(ip.isIpv4()).as(text).isTrue();
                        assertThat(java.util.Arrays.copyOfRange(expected, 12, 16)).as(text).isEqualTo(jdk);
                    } else {
                        assertThat(jdk).as(text).isEqualTo(expected);
                    }
                });
    }

    private static String spell(int[] groups, int gapStart, int gapEnd, boolean quad) {
        StringBuilder text = new StringBuilder();
        int last = quad ? 6 : 8;
        for (int i = 0; i < last; i++) {
            if (i == gapStart) {
                text.append("::");
                i = gapEnd - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        if (quad) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(groups[6] >> 8).append('.').append(groups[6] & 0xff).append('.')
                    .append(groups[7] >> 8).append('.').append(groups[7] & 0xff);
        }
        return text.toString();
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
