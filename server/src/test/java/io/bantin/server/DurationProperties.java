package io.bantin.server;

import static io.bantin.visit.Generators.anyStrings;
import static io.bantin.visit.Generators.bigIntegersBetween;
import static io.bantin.visit.Generators.longsBetween;
import static io.bantin.visit.Generators.stringsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated text for the duration settings: a duration or an IllegalArgumentException, nothing else.
 * A failure names its seed; {@code -DQT_SEED=<seed>} replays it.
 */
class DurationProperties {

    @Test
    void anyTextIsADurationOrAnIllegalArgument() {
        qt().withExamples(3_000).forAll(durationLike()).checkAssert(text -> {
            try {
                assertThat(ServerConfig.parseDuration(text)).isNotNull();
                // Only ASCII digits and units: "٥s" is not five seconds to an operator reading it.
                assertThat(text.chars().allMatch(c -> c < 128)).as("a duration read from non-ASCII text: " + text).isTrue();
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessageContaining(text);
            }
        });
    }

    @Test
    void aNumberWithAUnitIsThatManyUnitsOrTooLarge() {
        qt().withExamples(2_000).forAll(amounts(), units()).checkAssert((n, unit) -> {
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
                assertThatThrownBy(() -> ServerConfig.parseDuration(n + unit))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        });
    }

    private static Gen<BigInteger> amounts() {
        return Generate.oneOf(bigIntegersBetween(BigInteger.ZERO, BigInteger.TEN.pow(22)),
                longsBetween(0, 1_000).map(BigInteger::valueOf),
                longsBetween(0, Long.MAX_VALUE).map(BigInteger::valueOf));
    }

    private static Gen<String> units() {
        return arbitrary().pick("ms", "s", "m", "h", "d");
    }

    private static Gen<String> durationLike() {
        return Generate.oneOf(
                stringsOf("0123456789PTDHMSpthmsd.,-+ ٥", 0, 25),
                anyStrings(25),
                longsBetween(Long.MIN_VALUE, Long.MAX_VALUE).map(n -> "PT" + n + "H"),
                longsBetween(Long.MIN_VALUE, Long.MAX_VALUE).map(n -> "P" + n + "D"),
                longsBetween(Long.MIN_VALUE, Long.MAX_VALUE).map(n -> n + "d"));
    }
}
