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

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/x", "example.com/8", "10.0.0/8", "fe80::1%eth0/64"})
    void badCidrsAreRejectedByName(String cidr) {
        assertThatThrownBy(() -> Cidr.parse(cidr)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(cidr);
    }
}
