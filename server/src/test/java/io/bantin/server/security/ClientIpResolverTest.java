package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {
    @Test
    void withoutTrustedProxiesHeadersAreIgnored() {
        ClientIpResolver r = new ClientIpResolver(List.of());
        assertThat(r.resolve("203.0.113.9", "1.2.3.4", "for=5.6.7.8")).isEqualTo("203.0.113.9");
    }

    @Test
    void untrustedPeerCannotSpoof() {
        ClientIpResolver r = new ClientIpResolver(List.of("10.0.0.0/8"));
        assertThat(r.resolve("203.0.113.9", "1.2.3.4", null)).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerGivesTheRightMostUntrustedHop() {
        ClientIpResolver r = new ClientIpResolver(List.of("10.0.0.0/8", "127.0.0.1"));
        assertThat(r.resolve("127.0.0.1", "1.2.3.4", null)).isEqualTo("1.2.3.4");
        assertThat(r.resolve("10.1.2.3", "9.9.9.9, 1.2.3.4, 10.0.0.7", null)).isEqualTo("1.2.3.4");
        assertThat(r.resolve("10.1.2.3", "garbage, 1.2.3.4", null)).isEqualTo("1.2.3.4");
        assertThat(r.resolve("10.1.2.3", null, "for=192.0.2.60;proto=http, for=\"[2001:db8::1]:4711\"")).isEqualTo("2001:db8::1");
        assertThat(r.resolve("10.1.2.3", "1.2.3.4:5555", null)).isEqualTo("1.2.3.4");
        assertThat(r.resolve("10.1.2.3", null, null)).isEqualTo("10.1.2.3");
    }

    @Test
    void cidrMatching() {
        assertThat(Cidr.parse("192.168.0.0/16").contains("192.168.44.1")).isTrue();
        assertThat(Cidr.parse("192.168.0.0/16").contains("192.169.0.1")).isFalse();
        assertThat(Cidr.parse("::1").contains("::1")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("10.0.0.1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
        assertThat(Cidr.parse("10.0.0.1/32").contains("example.com")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("300.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
