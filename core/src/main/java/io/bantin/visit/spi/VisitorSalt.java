package io.bantin.visit.spi;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secret key visitor identities were hashed with on one day. Stored only so that a restart
 * keeps recognising the visitors whose visits are open, and so that counters sharing a store use the
 * same key (tomorrow's is agreed the day before); deleted from the store, and zeroed in memory, when
 * no longer needed.
 *
 * <p>A store persists it through its opaque form ({@link #toBytes()}, read back with
 * {@link #fromBytes(LocalDate, byte[])}) and never interprets it; the key itself has no accessor, and
 * {@link #toString()} redacts it. Immutable.
 */
public final class VisitorSalt {

    /** The length of the opaque form. */
    public static final int BYTES = 16;

    private final LocalDate day;
    private final byte[] key;

    private VisitorSalt(LocalDate day, byte[] key) {
        this.day = Objects.requireNonNull(day, "day");
        this.key = key;
    }

    /**
     * A salt from its opaque form, as a store read it back.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if stored is not {@link #BYTES} long
     */
    public static VisitorSalt fromBytes(LocalDate day, byte[] stored) {
        Objects.requireNonNull(stored, "stored");
        if (stored.length != BYTES) {
            throw new IllegalArgumentException("a stored salt must be " + BYTES + " bytes, got " + stored.length);
        }
        return new VisitorSalt(day, stored.clone());
    }

    /**
     * A fresh random salt for {@code day}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static VisitorSalt random(LocalDate day, SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return new VisitorSalt(day, key);
    }

    /** The day in the site's zone the salt belongs to. */
    public LocalDate day() {
        return day;
    }

    /** The opaque form a store persists as it is: {@link #BYTES} bytes, a fresh copy. */
    public byte[] toBytes() {
        return key.clone();
    }

    /**
     * The opaque form as two 64-bit words, for a store whose columns hold it that way; read back
     * with {@link #fromWords(LocalDate, long, long)}.
     */
    public long[] toWords() {
        ByteBuffer b = ByteBuffer.wrap(key);
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    /**
     * A salt from the two words of {@link #toWords()}.
     *
     * @throws NullPointerException if day is null
     */
    public static VisitorSalt fromWords(LocalDate day, long word0, long word1) {
        return new VisitorSalt(day, ByteBuffer.allocate(BYTES).putLong(word0).putLong(word1).array());
    }

    /** Equal when the day and the key are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof VisitorSalt s && day.equals(s.day) && Arrays.equals(key, s.key);
    }

    /** Consistent with {@link #equals(Object)}; depends on the day only. */
    @Override
    public int hashCode() {
        return day.hashCode();
    }

    /** Redacts the key so that it never ends up in a log. */
    @Override
    public String toString() {
        return "VisitorSalt[day=" + day + ", key=<redacted>]";
    }
}
