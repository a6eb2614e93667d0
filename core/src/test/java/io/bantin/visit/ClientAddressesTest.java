package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressesTest {
    private static final ClientAddresses XFF = xff("10.0.0.0/8", "127.0.0.1");
    private static final ClientAddresses FORWARDED =
            ClientAddresses.trusting(List.of("10.0.0.0/8", "127.0.0.1"), ForwardedHeader.FORWARDED);

    private static ClientAddresses xff(String... trustedProxies) {
        return ClientAddresses.trusting(List.of(trustedProxies), ForwardedHeader.X_FORWARDED_FOR);
    }

    @Test
    void withoutTrustedProxiesHeadersAreIgnored() {
        ClientAddresses r = ClientAddresses.direct();
        assertThat(r.resolve("203.0.113.9", "1.2.3.4", "for=5.6.7.8")).isEqualTo("203.0.113.9");
    }

    @Test
    void untrustedPeerCannotSpoof() {
        ClientAddresses r = xff("10.0.0.0/8");
        assertThat(r.resolve("203.0.113.9", "1.2.3.4", null)).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerGivesTheRightMostUntrustedHop() {
        assertThat(XFF.resolve("127.0.0.1", "1.2.3.4", null)).isEqualTo("1.2.3.4");
        assertThat(XFF.resolve("10.1.2.3", "9.9.9.9, 1.2.3.4, 10.0.0.7", null)).isEqualTo("1.2.3.4");
        assertThat(XFF.resolve("10.1.2.3", "garbage, 1.2.3.4", null)).isEqualTo("1.2.3.4");
        assertThat(XFF.resolve("10.1.2.3", "1.2.3.4:5555", null)).isEqualTo("1.2.3.4");
        assertThat(XFF.resolve("10.1.2.3", "[2001:db8::1]:443", null)).isEqualTo("2001:db8::1");
        assertThat(XFF.resolve("10.1.2.3", "2001:db8::1", null)).isEqualTo("2001:db8::1");
        assertThat(XFF.resolve("10.1.2.3", null, null)).isEqualTo("10.1.2.3");
        assertThat(XFF.resolve("[::1]", "1.2.3.4", null)).as("an untrusted IPv6 peer in brackets").isEqualTo("::1");
    }

    @Test
    void theForwardedHeaderIsReadWithQuotesBracketsPortsAndAnyCase() {
        assertThat(FORWARDED.resolve("10.1.2.3", null, "for=192.0.2.60;proto=http, for=\"[2001:db8::1]:4711\""))
                .isEqualTo("2001:db8::1");
        assertThat(FORWARDED.resolve("10.1.2.3", null, "proto=https;For=\"192.0.2.61:8080\";by=10.0.0.1"))
                .isEqualTo("192.0.2.61");
        assertThat(FORWARDED.resolve("10.1.2.3", null, "for=192.0.2.62, for=10.0.0.9")).isEqualTo("192.0.2.62");
        assertThat(FORWARDED.resolve("10.1.2.3", null, "for=\"[2001:db8::2]\"")).isEqualTo("2001:db8::2");
    }

    @Test
    void onlyTheConfiguredHeaderIsBelieved() {
        assertThat(XFF.header()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThat(XFF.resolve("10.1.2.3", "1.2.3.4", "for=5.6.7.8")).isEqualTo("1.2.3.4");
        assertThat(XFF.resolve("10.1.2.3", null, "for=5.6.7.8")).as("Forwarded is ignored").isEqualTo("10.1.2.3");
        assertThat(FORWARDED.resolve("10.1.2.3", "1.2.3.4", "for=5.6.7.8")).isEqualTo("5.6.7.8");
        assertThat(FORWARDED.resolve("10.1.2.3", "1.2.3.4", null)).as("X-Forwarded-For is ignored").isEqualTo("10.1.2.3");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheNearestTrustedAddress() {
        // "010.0.0.1" reads as 10.0.0.1 to some parsers and 8.0.0.1 to others; the counter refuses it.
        assertThat(XFF.resolve("127.0.0.1", "010.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(XFF.resolve("127.0.0.1", "1.2.3.4, 010.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(XFF.resolve("127.0.0.1", "unknown", null)).isEqualTo("127.0.0.1");
        assertThat(XFF.resolve("127.0.0.1", "10.0.0.5, ", null)).isEqualTo("127.0.0.1");
        assertThat(XFF.resolve("127.0.0.1", "1.2.3.4, 10.0.0.5", null)).isEqualTo("1.2.3.4");
        assertThat(XFF.resolve("127.0.0.1", "garbage, 10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "for=unknown")).isEqualTo("127.0.0.1");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "for=_hidden, for=10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"_gazonk\"")).isEqualTo("127.0.0.1");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "proto=https")).isEqualTo("127.0.0.1");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"[2001:db8::1]:_port\"")).isEqualTo("2001:db8::1");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"[2001:db8::1]junk\"")).isEqualTo("127.0.0.1");
    }

    @Test
    void aPortOfOneToFiveDigitsIsCutOffAndAnyOtherSuffixMakesTheHopNoAddress() {
        for (String port : new String[] {"0", "8", "9", "80", "8090", "65535", "99999"}) {
            assertThat(XFF.resolve("127.0.0.1", "1.2.3.4:" + port, null)).as(port).isEqualTo("1.2.3.4");
            assertThat(XFF.resolve("127.0.0.1", "[2001:db8::1]:" + port, null)).as(port).isEqualTo("2001:db8::1");
        }
        for (String port : new String[] {"", "123456", "80a", "8/", "-1", " 80", "٨٠"}) {
            assertThat(XFF.resolve("127.0.0.1", "1.2.3.4:" + port, null)).as(port).isEqualTo("127.0.0.1");
            assertThat(XFF.resolve("127.0.0.1", "[2001:db8::1]:" + port, null)).as(port).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void anObfuscatedPortOfUpTo32CharactersOfTheRfcAlphabetIsCutOff() {
        // RFC 7239 obfport: "_" then letters, digits, ".", "_" and "-".
        for (String port : new String[] {"_p", "_a.b-c_9Z", "_" + "x".repeat(31)}) {
            assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"[2001:db8::1]:" + port + "\""))
                    .as(port).isEqualTo("2001:db8::1");
            assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"192.0.2.1:" + port + "\"")).as(port).isEqualTo("192.0.2.1");
        }
        for (String port : new String[] {"_" + "x".repeat(32), "_a~b", "_a b", "_é", "_a:b", "_a/b"}) {
            assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"[2001:db8::1]:" + port + "\""))
                    .as(port).isEqualTo("127.0.0.1");
            assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"192.0.2.1:" + port + "\"")).as(port).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aPeerThatIsNoAddressIsReturnedStrippedSoTheHitIsInvalidNotCountedAsAnotherClient() {
        for (ClientAddresses r : List.of(ClientAddresses.direct(), XFF, FORWARDED)) {
            assertThat(r.resolve(" unix-socket ", "1.2.3.4", "for=1.2.3.4")).isEqualTo("unix-socket");
            assertThat(r.resolve("[not-an-address]", "1.2.3.4", "for=1.2.3.4")).isEqualTo("not-an-address");
            assertThat(r.resolve("[]", "1.2.3.4", "for=1.2.3.4")).isEmpty();
            assertThat(r.resolve("[", "1.2.3.4", "for=1.2.3.4")).isEqualTo("[");
            assertThat(r.resolve(null, "1.2.3.4", "for=1.2.3.4")).isEmpty();
            assertThat(Hit.of(r.resolve("unix-socket", "1.2.3.4", null), "ua", "/").hasAddress()).isFalse();
        }
    }

    @Test
    void zoneIdsAreDroppedFromTheAddress() {
        assertThat(XFF.resolve("127.0.0.1", "fe80::1%eth0", null)).isEqualTo("fe80::1");
        assertThat(FORWARDED.resolve("127.0.0.1", null, "for=\"[fe80::1%25eth0]:80\"")).isEqualTo("fe80::1");
        assertThat(XFF.resolve("fe80::2%lo", "1.2.3.4", null)).isEqualTo("fe80::2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "1.2.3.4.5", "[::1", "::1]", "\"", "\"\"", "[]:80", ":80", "::ffff:1.2.3",
        "1.2.3.4:99999999", "for=", "%", "[%]", "\u0000", "٤.٤.٤.٤", "1:2:3:4:5:6:7:8:9", "[::1]:80:80"})
    void whateverAClientSendsResolvesToAnAddressTheCounterAccepts(String value) {
        for (ClientAddresses r : List.of(XFF, FORWARDED)) {
            for (String header : new String[] {value, "for=" + value, "for=\"" + value + "\"", value + ", 10.0.0.1"}) {
                String ip = r.resolve("127.0.0.1", header, header);
                assertThat(Hit.of(ip, "ua", "/").ip()).isEqualTo(ip);
            }
        }
    }

    @Test
    void trustedProxiesAreParsedByTheCountersParser() {
        assertThatThrownBy(() -> xff("010.0.0.0/8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("010.0.0.0/8");
        assertThatThrownBy(() -> xff("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> xff("example.com")).isInstanceOf(IllegalArgumentException.class);
        ClientAddresses v6 = xff("2001:db8::/32");
        assertThat(v6.resolve("2001:db8:1::5", "1.2.3.4", null)).isEqualTo("1.2.3.4");
        assertThat(v6.resolve("2001:db9::5", "1.2.3.4", null)).isEqualTo("2001:db9::5");
    }

    @Test
    void theHeaderNameIsReadIgnoringCase() {
        assertThat(ForwardedHeader.parse("x-forwarded-for")).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThat(ForwardedHeader.parse(" FORWARDED ")).isEqualTo(ForwardedHeader.FORWARDED);
        assertThatThrownBy(() -> ForwardedHeader.parse("X-Real-IP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Real-IP");
        for (ForwardedHeader header : ForwardedHeader.values()) {
            assertThat(ForwardedHeader.parse(header.headerName())).isEqualTo(header);
        }
        // The names a server reads the request's header by: pinned.
        assertThat(ForwardedHeader.X_FORWARDED_FOR.headerName()).isEqualTo("X-Forwarded-For");
        assertThat(ForwardedHeader.FORWARDED.headerName()).isEqualTo("Forwarded");
    }

    @Test
    void anEmptyListOfTrustedProxiesIsAsDirectAsDirect() {
        for (ForwardedHeader header : ForwardedHeader.values()) {
            ClientAddresses none = ClientAddresses.trusting(List.of(), header);
            assertThat(none.resolve("127.0.0.1", "1.2.3.4", "for=5.6.7.8"))
                    .isEqualTo(ClientAddresses.direct().resolve("127.0.0.1", "1.2.3.4", "for=5.6.7.8"))
                    .isEqualTo("127.0.0.1");
        }
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of(), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("header");
    }
}
