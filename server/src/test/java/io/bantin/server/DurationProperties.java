package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated text for the duration settings: a duration or an IllegalArgumentException, nothing else. */
class DurationProperties {

    @Property(tries = 3_000)
    void anyTextIsADurationOrAnIllegalArgument(@ForAll("durationLike") String text) {
        try {
            assertThat(ServerConfig.parseDuration(text)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining(text);
        }
    }

    @Property(tries = 2_000)
    void aNumberWithAUnitIsThatManyUnitsOrTooLarge(@ForAll("amounts") BigInteger n, @ForAll("units") String unit) {
        BigInteger seconds = switch (unit) {
            case "ms" -> BigInteger.ZERO;
            case "s" -> n;
            case "m" -> n.multiply(BigInteger.valueOf(60));
            case "h" -> n.multiply(BigInteger.valueOf(3_600));
            default -> n.multiply(BigInteger.valueOf(86_400));
        };
        boolean fits = n.bitLength() < 64 && seconds.bitLength() < 64;
        if (fits) {
            Duration d = ServerConfig.parseDuration(n + unit);
            assertThat(unit.equals("ms") ? BigInteger.valueOf(d.toMillis()) : BigInteger.valueOf(d.getSeconds()))
                    .isEqualTo(unit.equals("ms") ? n : seconds);
        } else {
            assertThatThrownBy(() -> ServerConfig.parseDuration(n + unit)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<BigInteger> amounts() {
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(22)),
                Arbitraries.longs().between(0, 1_000).map(BigInteger::valueOf),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(BigInteger::valueOf));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h", "d");
    }

    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789PTDHMSpthmsd.,-+ ٥").ofMaxLength(25),
                Arbitraries.strings().ofMaxLength(25),
                Arbitraries.longs().map(n -> "PT" + n + "H"),
                Arbitraries.longs().map(n -> "P" + n + "D"),
                Arbitraries.longs().map(n -> n + "d"));
    }
}
