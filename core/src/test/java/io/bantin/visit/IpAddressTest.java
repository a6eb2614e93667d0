package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1%eth0", "::ffff:192.0.2.1", "1::", "1:2:3:4:5:6:7::",
        "64:ff9b::192.0.2.33", "FE80::ABCD"})
    void acceptsLiterals(String ip) {
        assertThat(IpAddress.parse(ip)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4 ",
        " 1.2.3.4", "1..2.3", ":::", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1",
        "1:", "[::1]", "::ffff:1.2.3", "g::1", "1.2.3.٤", "%eth0", "::1%"})
    void rejectsEverythingElse(String ip) {
        assertThat(IpAddress.parse(ip)).isNull();
    }

    @Test
    void bothSpellingsOfAnIpv4AddressAreEqual() {
        assertThat(IpAddress.parse("192.0.2.1")).isEqualTo(IpAddress.parse("::ffff:192.0.2.1"))
                .isEqualTo(IpAddress.parse("::FFFF:c000:0201"));
        assertThat(IpAddress.parse("192.0.2.1").isIpv4()).isTrue();
        assertThat(IpAddress.parse("2001:db8::1").isIpv4()).isFalse();
        assertThat(IpAddress.parse("2001:db8::1")).isEqualTo(IpAddress.parse("2001:0db8:0:0:0:0:0:1"));
    }

    @Test
    void agreesWithTheJdkOnRandomAddressesInEverySpelling() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 5_000; n++) {
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                // Many zero groups so that "::" gets exercised at every position.
                groups[g] = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
            }
            StringBuilder full = new StringBuilder();
            for (int g = 0; g < 8; g++) {
                full.append(g == 0 ? "" : ":").append(Integer.toHexString(groups[g]));
            }
            String compressed = compress(groups);
            byte[] expected = java.net.InetAddress.getByName(full.toString()).getAddress();
            for (String text : new String[] {full.toString(), compressed, compressed.toUpperCase(java.util.Locale.ROOT)}) {
                IpAddress ip = IpAddress.parse(text);
                assertThat(ip).as(text).isNotNull();
                assertThat(toBytes(ip)).as(text).isEqualTo(expected.length == 16 ? expected : mapped(expected));
            }
        }
    }

    private static String compress(int[] groups) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[g]));
        }
        return sb.toString();
    }

    private static byte[] toBytes(IpAddress ip) {
        return java.nio.ByteBuffer.allocate(16).putLong(ip.high()).putLong(ip.low()).array();
    }

    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    @Test
    void embeddedIpv4AndGapsAtTheEdges() {
        assertThat(IpAddress.parse("::")).isEqualTo(new IpAddress(0, 0));
        assertThat(IpAddress.parse("::1")).isEqualTo(new IpAddress(0, 1));
        assertThat(IpAddress.parse("1::")).isEqualTo(new IpAddress(0x0001_0000_0000_0000L, 0));
        assertThat(IpAddress.parse("1:2:3:4:5:6:7::")).isEqualTo(new IpAddress(0x0001_0002_0003_0004L, 0x0005_0006_0007_0000L));
        assertThat(IpAddress.parse("::2:3:4:5:6:7:8")).isEqualTo(new IpAddress(0x0000_0002_0003_0004L, 0x0005_0006_0007_0008L));
        assertThat(IpAddress.parse("1:2:3:4:5:6:1.2.3.4")).isEqualTo(new IpAddress(0x0001_0002_0003_0004L, 0x0005_0006_0102_0304L));
        assertThat(IpAddress.parse("64:ff9b::192.0.2.33")).isEqualTo(new IpAddress(0x0064_ff9b_0000_0000L, 0x0000_0000_c000_0221L));
        assertThat(IpAddress.parse("1:2:3:4:5:6:7:1.2.3.4")).isNull();
        assertThat(IpAddress.parse("1.2.3.4:80")).isNull();
    }

    @Test
    void cidrsMatchTheirNetworksOnly() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains(IpAddress.parse("10.255.1.2"))).isTrue();
        assertThat(ten.contains(IpAddress.parse("11.0.0.1"))).isFalse();
        assertThat(ten.contains(IpAddress.parse("::ffff:10.1.1.1"))).isTrue();
        Cidr v6 = Cidr.parse("2001:db8::/32");
        assertThat(v6.contains(IpAddress.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("2001:db9::1"))).isFalse();
        assertThat(Cidr.parse("203.0.113.7").contains(IpAddress.parse("203.0.113.7"))).isTrue();
        assertThat(Cidr.parse("203.0.113.7").contains(IpAddress.parse("203.0.113.8"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::1/128").contains(IpAddress.parse("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("192.168.1.0/25").contains(IpAddress.parse("192.168.1.127"))).isTrue();
        assertThat(Cidr.parse("192.168.1.0/25").contains(IpAddress.parse("192.168.1.128"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/65").contains(IpAddress.parse("2001:db8::8000:0:0:0"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/65").contains(IpAddress.parse("2001:db8::7fff:0:0:0"))).isTrue();
    }

    @Test
    void aNetworkMatchesAddressTextByTheSameParser() {
        Cidr ten = Cidr.parse(" 10.0.0.0/8 ");
        assertThat(ten.contains("10.1.2.3")).isTrue();
        assertThat(ten.contains("010.1.2.3")).as("no second opinion on leading zeros").isFalse();
        assertThat(ten.contains("example.com")).isFalse();
        assertThat(ten.contains((String) null)).isFalse();
        assertThat(ten.contains((IpAddress) null)).isFalse();
        assertThat(ten).hasToString("10.0.0.0/8").isEqualTo(Cidr.parse("10.9.9.9/8")).hasSameHashCodeAs(Cidr.parse("10.9.9.9/8"));
        assertThat(ten).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
        assertThat(IpAddress.parse(null)).isNull();
    }

    @Test
    void aSubscriberNetworkIsAnIpv4AddressItselfOrTheSlash64OfAnIpv6Address() {
        assertThat(IpAddress.parse("198.51.100.7").subscriberNetwork()).isEqualTo(IpAddress.parse("198.51.100.7"));
        assertThat(IpAddress.parse("::ffff:198.51.100.7").subscriberNetwork()).isEqualTo(IpAddress.parse("198.51.100.7"));
        assertThat(IpAddress.parse("2001:db8:1:2:3:4:5:6").subscriberNetwork()).isEqualTo(IpAddress.parse("2001:db8:1:2::"));
        assertThat(IpAddress.parse("2001:db8:1:2::ffff").subscriberNetwork())
                .isEqualTo(IpAddress.parse("2001:db8:1:2:3:4:5:6").subscriberNetwork())
                .isNotEqualTo(IpAddress.parse("2001:db8:1:3::1").subscriberNetwork());
    }

    @Test
    void anIpv6GroupHasOneToFourHexDigits() {
        assertThat(IpAddress.parse("2001:db8::ffff")).isEqualTo(new IpAddress(0x2001_0db8_0000_0000L, 0xffffL));
        assertThat(IpAddress.parse("2001:db8::0ffff")).isNull();
        assertThat(IpAddress.parse("2001:db8::fffff")).isNull();
        assertThat(IpAddress.parse("2001:db8:ffff1::")).isNull();
        assertThat(IpAddress.parse("2001:db8::1:")).isNull();
    }

    @Test
    void aGapStandsForAtLeastOneZeroGroupSoEightGroupsBesideItAreRefused() {
        assertThat(IpAddress.parse("1::3:4:5:6:7:8")).isEqualTo(IpAddress.parse("1:0:3:4:5:6:7:8"));
        assertThat(IpAddress.parse("1::2:3:4:5:6:7:8")).isNull();
        assertThat(IpAddress.parse("1:2:3:4::5:6:7:8")).isNull();
        assertThat(IpAddress.parse("1:2:3:4:5:6:7:8::")).isNull();
        assertThat(IpAddress.parse("::1:2:3:4:5:6:7:8")).isNull();
        assertThat(IpAddress.parse("::2:3:4:5:6:1.2.3.4")).isEqualTo(IpAddress.parse("0:2:3:4:5:6:102:304"));
        assertThat(IpAddress.parse("::1:2:3:4:5:6:1.2.3.4")).isNull();
        assertThat(IpAddress.parse("1:2:3:4:5:6::1.2.3.4")).isNull();
        assertThat(IpAddress.parse("1:2:3:4:5:6:7:8:9")).isNull();
    }

    @Test
    void anEmbeddedDottedQuadAfterTheGapKeepsTheGroupsBeforeIt() {
        // Five groups after the gap already fill more than the lower 64 bits when the quad is appended.
        assertThat(IpAddress.parse("::1:2:3:4:5:192.0.2.1"))
                .isEqualTo(new IpAddress(0x0000_0001_0002_0003L, 0x0004_0005_c000_0201L));
        assertThat(IpAddress.parse("1::3:4:5:6:192.0.2.1"))
                .isEqualTo(new IpAddress(0x0001_0000_0003_0004L, 0x0005_0006_c000_0201L));
    }

    @Test
    void textLongerThan64CharactersIsRefusedUnread() {
        // The longest address spelling has 45 characters; a zone may fill the rest up to 64.
        String longest = "fe80::1%" + "e".repeat(56);
        assertThat(longest).hasSize(64);
        assertThat(IpAddress.parse(longest)).isEqualTo(IpAddress.parse("fe80::1"));
        assertThat(IpAddress.parse(longest + "e")).isNull();
        assertThat(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")).isEqualTo(new IpAddress(-1, -1));
    }

    @Test
    void aPrefixOfEveryLengthMatchesExactlyTheAddressesThatShareItsLeadingBits() {
        // Lengths on both sides of the 64-bit halves, and a network given by a host inside it.
        assertThat(Cidr.parse("2001:db8:1200::/40").contains(IpAddress.parse("2001:db8:12ff:ffff::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8:1200::/40").contains(IpAddress.parse("2001:db8:1300::"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/48").contains(IpAddress.parse("2001:db8:0:ffff::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/48").contains(IpAddress.parse("2001:db8:1::1"))).isFalse();
        assertThat(Cidr.parse("2001:db8:1:2::/64").contains(IpAddress.parse("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(Cidr.parse("2001:db8:1:2::/64").contains(IpAddress.parse("2001:db8:1:3::"))).isFalse();
        assertThat(Cidr.parse("2001:db8:1:2:3:4:5:6/96").contains(IpAddress.parse("2001:db8:1:2:3:4::"))).isTrue();
        assertThat(Cidr.parse("2001:db8:1:2:3:4:5:6/96").contains(IpAddress.parse("2001:db8:1:2:3:5::"))).isFalse();
        assertThat(Cidr.parse("2001:db8::1/127").contains(IpAddress.parse("2001:db8::"))).isTrue();
        assertThat(Cidr.parse("2001:db8::1/127").contains(IpAddress.parse("2001:db8::2"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/32").contains(IpAddress.parse("10.0.0.0"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/32").contains(IpAddress.parse("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/31").contains(IpAddress.parse("10.0.0.1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::1/128")).isEqualTo(Cidr.parse("2001:db8::1"));
    }

    @Test
    void equalNetworksHashAlikeAndDistinctOnesSpreadOverHashCodes() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int n = 0; n < 256; n++) {
            Cidr network = Cidr.parse("10." + n + ".0.0/16");
            assertThat(network).isEqualTo(Cidr.parse("10." + n + ".255.1/16")).hasSameHashCodeAs(Cidr.parse("10." + n + ".255.1/16"));
            hashes.add(network.hashCode());
        }
        for (int n = 0; n < 256; n++) {
            Cidr network = Cidr.parse("2001:db8:" + Integer.toHexString(n) + "::/48");
            assertThat(network).isEqualTo(Cidr.parse("2001:db8:" + Integer.toHexString(n) + ":ffff::1/48"))
                    .hasSameHashCodeAs(Cidr.parse("2001:db8:" + Integer.toHexString(n) + ":ffff::1/48"));
            hashes.add(network.hashCode());
        }
        // A set of trusted networks is a hash set: distinct networks must not all land in one bucket.
        assertThat(hashes).hasSize(2 * 256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "::ffff:10.0.0.0/129", "10.0.0.0/0032", "/8", "%1/8", "10.0.0.0/", "10.0.0.0/x", "example.com/8", "10.0.0/8", "fe80::1%eth0/64"})
    void badCidrsAreRejectedByName(String cidr) {
        assertThatThrownBy(() -> Cidr.parse(cidr)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(cidr);
    }
}
