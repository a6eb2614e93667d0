package io.bantin.visit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides whether a User-Agent belongs to a bot: an empty or blank one, or one containing a token of
 * a crawler list (case-insensitive). The standard list lives in the resource
 * {@code io/bantin/visit/bots.txt}; lines starting with {@code !} are exemptions removed before
 * matching.
 *
 * <p>Thread-safe. Verdicts are cached per User-Agent in a fixed-size table keyed by a 64-bit hash of
 * the User-Agent (the text itself is never kept), so the per-hit cost for the few thousand
 * distinct User-Agents a site sees is one hash and one array read.
 */
public final class BotRules {

    private static final String RESOURCE = "bots.txt";
    private static final int CACHE_SLOTS = 1 << 15;
    private static final long TAG_USER_AGENT = 0x7561L;
    /**
     * Fixed so that a User-Agent's fingerprint, which feeds the visitor key, is the same after a
     * restart. Secrecy comes from the daily salt the visitor key is hashed with, not from this.
     */
    private static final long FINGERPRINT_K0 = 0x62616e74696e2d75L;
    private static final long FINGERPRINT_K1 = 0x7365722d6167656eL;

    private final String[] tokens;
    private final String[] exemptions;
    /**
     * Direct-mapped verdict cache. A slot holds the fingerprint with its lowest bit replaced by the
     * verdict, so one atomic long read gives both and a torn key/verdict pair cannot be observed.
     */
    private final AtomicLongArray verdicts = new AtomicLongArray(CACHE_SLOTS);

    private BotRules(List<String> tokens, List<String> exemptions) {
        this.tokens = tokens.toArray(String[]::new);
        this.exemptions = exemptions.toArray(String[]::new);
    }

    /**
     * The standard rules from {@code io/bantin/visit/bots.txt}.
     *
     * @throws UncheckedIOException if the resource cannot be read (a broken jar)
     */
    public static BotRules standard() {
        try (InputStream in = BotRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource io/bantin/visit/" + RESOURCE + " is missing"));
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }
            return of(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rules from lines in the format of {@code bots.txt}: a token per line, {@code #} comments,
     * {@code !} exemptions, blank lines ignored.
     *
     * @throws NullPointerException if lines or a line is null
     */
    public static BotRules of(Collection<String> lines) {
        List<String> tokens = new ArrayList<>();
        List<String> exemptions = new ArrayList<>();
        for (String line : lines) {
            String entry = Objects.requireNonNull(line, "line").strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (entry.startsWith("!")) {
                if (entry.length() > 1) {
                    exemptions.add(entry.substring(1));
                }
            } else {
                tokens.add(entry);
            }
        }
        return new BotRules(tokens, exemptions);
    }

    /**
     * Whether the User-Agent is a bot's.
     *
     * @throws NullPointerException if userAgent is null
     */
    public boolean isBot(String userAgent) {
        return isBot(userAgent, fingerprint(userAgent));
    }

    /**
     * A 64-bit hash of the User-Agent, stable across restarts; its bit 1 is always set so that no
     * fingerprint looks like an empty cache slot.
     */
    long fingerprint(String userAgent) {
        return SipHash.hashWords(FINGERPRINT_K0, FINGERPRINT_K1, TAG_USER_AGENT, 0, 0, 0, userAgent) | 2L;
    }

    /** {@link #isBot(String)} for a User-Agent whose {@link #fingerprint} is already known. */
    boolean isBot(String userAgent, long fingerprint) {
        int slot = (int) (fingerprint >>> 49) & (CACHE_SLOTS - 1);
        long cached = verdicts.getOpaque(slot);
        if ((cached & ~1L) == (fingerprint & ~1L)) {
            return (cached & 1L) != 0;
        }
        boolean verdict = userAgent.isBlank() || match(userAgent);
        verdicts.setOpaque(slot, (fingerprint & ~1L) | (verdict ? 1L : 0L));
        return verdict;
    }

    private boolean match(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String exemption : exemptions) {
            ua = ua.replace(exemption, " ");
        }
        for (String token : tokens) {
            if (ua.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
