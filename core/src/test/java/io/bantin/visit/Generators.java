package io.bantin.visit;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators the property tests need and the library does not have as such. The
 * server's property tests use them too, through bantin-core's test-jar.
 */
public final class Generators {
    /** The chars of the Basic Multilingual Plane less the private use area and the noncharacters. */
    private static final int PRIVATE_USE = 0xF900 - 0xE000;
    private static final int NONCHARACTERS = 0xFDF0 - 0xFDD0;
    private static final Gen<Integer> ANY_CHAR = Generate.range(0, 0xFFFE - PRIVATE_USE - NONCHARACTERS - 1, 'a')
            .map(i -> i >= 0xE000 ? i + PRIVATE_USE : i)
            .map(i -> i >= 0xFDD0 ? i + NONCHARACTERS : i);

    private Generators() {
    }

    /**
     * Any text of at most {@code maxLength} chars: each char from U+0000..U+FFFD except the private
     * use area and the noncharacters, lone surrogates included (so pairs, that is supplementary
     * characters, turn up too). QuickTheories' own {@code strings().allPossible()} draws code points,
     * mostly from the private use planes. Shrinks towards shorter text of 'a's.
     */
    public static Gen<String> anyStrings(int maxLength) {
        return Generate.intArrays(Generate.range(0, maxLength), ANY_CHAR).map(Generators::text);
    }

    /** Text of {@code minLength..maxLength} chars, each one of {@code chars}; shrinks towards the first of them. */
    public static Gen<String> stringsOf(String chars, int minLength, int maxLength) {
        return Generate.intArrays(Generate.range(minLength, maxLength), Generate.range(0, chars.length() - 1))
                .map(is -> {
                    StringBuilder s = new StringBuilder(is.length);
                    for (int i : is) {
                        s.append(chars.charAt(i));
                    }
                    return s.toString();
                });
    }

    /**
     * Any integer in {@code min..max}, as near uniform as random longs make it, with its edges mixed in
     * as {@link #longsBetween} does, shrinking towards the value in the range nearest zero.
     * (QuickTheories has only {@code bigIntegers().ofBytes(n)}, which cannot be bounded.) The high part
     * has at least 61 random bits, so the one filter, for the top of the range, almost never rejects.
     */
    public static Gen<BigInteger> bigIntegersBetween(BigInteger min, BigInteger max) {
        BigInteger range = max.subtract(min);
        int shift = Math.max(0, range.bitLength() - 62);
        if (shift > 62) {
            throw new IllegalArgumentException("range too wide: " + range);
        }
        BigInteger target = min.signum() > 0 ? BigInteger.ZERO : max.signum() < 0 ? range : min.negate();
        Gen<Long> high = Generate.longRange(0, range.shiftRight(shift).longValueExact(),
                target.shiftRight(shift).longValueExact());
        Gen<Long> low = Generate.longRange(0, (1L << shift) - 1,
                target.and(BigInteger.ONE.shiftLeft(shift).subtract(BigInteger.ONE)).longValueExact());
        Gen<BigInteger> any = high.zip(low, (h, l) -> min.add(BigInteger.valueOf(h).shiftLeft(shift).or(BigInteger.valueOf(l))))
                .assuming(n -> n.compareTo(max) <= 0);
        Set<BigInteger> edges = new LinkedHashSet<>();
        for (BigInteger e : List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate())) {
            if (min.compareTo(e) <= 0 && e.compareTo(max) <= 0) {
                edges.add(e);
            }
        }
        edges.addAll(List.of(min, max, min.add(BigInteger.ONE).min(max), max.subtract(BigInteger.ONE).max(min)));
        return Generate.frequency(Pair.of(9, any), Pair.of(1, Generate.pick(List.copyOf(edges))));
    }

    /** {@code gen}'s values, or {@code null} in {@code percent} % of cases (what a null shrinks to). */
    public static <T> Gen<T> nullable(Gen<T> gen, int percent) {
        return Generate.range(0, 99).zip(gen, (p, value) -> p < percent ? null : value);
    }

    /**
     * Any long in {@code min..max}: half the time uniform, four times in ten near 0 (or the end nearest
     * it) with a magnitude of a random number of bits, so small values and every order of magnitude
     * turn up even in a range as wide as Long's, and one time in ten one of the values at the edges,
     * where faults like to hide: its ends, one inside them, and -1, 0, 1 when they lie in it. (jqwik
     * did both on its own; a uniform draw over a wide range almost never meets them, and QuickTheories
     * tries the edges together only in its first three examples.) Shrinks towards 0 or the end
     * nearest it.
     */
    public static Gen<Long> longsBetween(long min, long max) {
        Set<Long> edges = new LinkedHashSet<>();
        for (long e : new long[] {0, 1, -1}) {
            if (min <= e && e <= max) {
                edges.add(e);
            }
        }
        edges.addAll(List.of(min, max, min < max ? min + 1 : min, min < max ? max - 1 : max));
        long target = Math.max(min, Math.min(0, max));
        return Generate.frequency(Pair.of(5, Generate.longRange(min, max, target)),
                Pair.of(4, nearTarget(min, max, target)), Pair.of(1, Generate.pick(List.copyOf(edges))));
    }

    /** {@code target} plus or minus an offset of 0..64 random bits, kept within {@code min..max}. */
    private static Gen<Long> nearTarget(long min, long max, long target) {
        BigInteger up = BigInteger.valueOf(max).subtract(BigInteger.valueOf(target));
        BigInteger down = BigInteger.valueOf(target).subtract(BigInteger.valueOf(min));
        int bits = Math.max(up.bitLength(), down.bitLength());
        return Generate.range(0, bits).zip(Generate.longRange(0, Long.MAX_VALUE), Generate.booleans(), (b, r, below) -> {
            boolean downwards = below ? down.signum() > 0 : up.signum() == 0;
            BigInteger span = downwards ? down : up;
            BigInteger offset = BigInteger.valueOf(r).mod(BigInteger.ONE.shiftLeft(b).min(span.add(BigInteger.ONE)));
            return BigInteger.valueOf(target).add(downwards ? offset.negate() : offset).longValueExact();
        });
    }

    /** {@link #longsBetween} for ints. */
    public static Gen<Integer> integersBetween(int min, int max) {
        return longsBetween(min, max).map(Long::intValue);
    }

    private static String text(int[] chars) {
        StringBuilder s = new StringBuilder(chars.length);
        for (int c : chars) {
            s.append((char) c);
        }
        return s.toString();
    }
}
