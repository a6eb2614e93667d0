package io.bantin.server.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * Hashes and checks passwords with bcrypt (at.favre.lib). Passwords longer than bcrypt's 72 bytes
 * are first reduced with SHA-512, so long passphrases keep all their entropy. Thread-safe.
 */
public final class PasswordHasher {
    /** OWASP's minimum work factor for bcrypt; about 50-100 ms here. */
    public static final int DEFAULT_COST = 10;

    /**
     * A bcrypt hash of a random string nobody kept, at the default cost: checking against it takes
     * exactly as long as checking a real password, and shipping it saves a hash at every start
     * (bcrypt is slow on purpose, and startup has a time budget).
     */
    static final String DUMMY_HASH_COST_10 = "$2a$10$MdU5VxiKEFpd3f6XJy5eCuXTUlP.kiEWwgsd0Mlft4GqTd7ZVgsqq";

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;
    /** What a {@code null} (unknown user) hash is checked against, made on first need. */
    private volatile String dummyHash;

    /**
     * Creates a hasher.
     *
     * @param cost bcrypt work factor, 4..31
     * @throws IllegalArgumentException when the cost is out of range
     */
    public PasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("cost must be " + BCrypt.MIN_COST + ".." + BCrypt.MAX_COST + ", was " + cost);
        }
        this.cost = cost;
        this.hasher = BCrypt.with(LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
        this.verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
        this.dummyHash = cost == DEFAULT_COST ? DUMMY_HASH_COST_10 : null;
    }

    /** Returns the bcrypt hash string ({@code $2a$...}) of the password with a fresh salt. */
    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    /**
     * Checks a password against a stored hash. With a {@code null} hash (unknown user) it still
     * spends the time of a real check, so response time does not tell users apart.
     *
     * @return whether the password matches; {@code false} for a {@code null} or malformed hash
     */
    public boolean verify(String password, String storedHash) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (storedHash == null) {
            verifyer.verify(pw, dummyHash().getBytes(StandardCharsets.US_ASCII));
            return false;
        }
        BCrypt.Result r = verifyer.verify(pw, storedHash.getBytes(StandardCharsets.US_ASCII));
        return r.validFormat && r.verified;
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            // Another cost (tests use 4): hash once; a race only hashes twice.
            h = hash("bantin-dummy-" + System.identityHashCode(this));
            dummyHash = h;
        }
        return h;
    }
}
