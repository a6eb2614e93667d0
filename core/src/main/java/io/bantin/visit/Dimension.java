package io.bantin.visit;

import java.util.Locale;
import java.util.Set;

/**
 * A property of a visit that the counter keeps per-day figures of, value by value: where visitors
 * came from and what kind of device they use. A visit is counted under the value of its first hit
 * of the day (after the bot, exclusion and budget rules), so the visits of a day add up to that
 * day's {@link DailyCount#visits()}.
 *
 * <p>Each constant derives its value from a hit in memory; only the value is stored, never the raw
 * header it came from. A day holds at most {@link #MAX_VALUES_PER_DAY} distinct values of one
 * dimension per counter; later new values count as {@link #OTHER}, so random values sent by a
 * client cannot grow memory or the store without bound. A new dimension is a new constant here (its
 * derivation), rows in the same store table and a reader that shows it.
 */
public enum Dimension {

    /**
     * The host of the page that linked to the visit's first page ({@code Referer}), lower-cased and
     * without {@code www.}; never a path or a query. {@link #DIRECT} without a referrer,
     * {@link #INTERNAL} when it is one of the site's own hosts
     * ({@link VisitCounter.Builder#ownHosts}), {@link #UNKNOWN} when it has no readable host.
     */
    REFERRER("referrer") {
        @Override
        String valueOf(Hit hit, long userAgentFingerprint, Set<String> ownHosts) {
            return ReferrerDomains.of(hit.referrer(), ownHosts);
        }
    },

    /**
     * The kind of device, from the User-Agent: {@code desktop}, {@code phone} or {@code tablet}. The
     * User-Agent itself is classified in memory and never stored.
     */
    DEVICE("device") {
        @Override
        String valueOf(Hit hit, long userAgentFingerprint, Set<String> ownHosts) {
            return DeviceClass.of(hit.userAgent(), userAgentFingerprint);
        }
    };

    /** Longest value stored; longer ones count as {@link #UNKNOWN}. */
    public static final int MAX_VALUE_LENGTH = 100;
    /** Most distinct values of one dimension one counter keeps per day; then {@link #OTHER}. */
    public static final int MAX_VALUES_PER_DAY = 500;
    /** The referrer of a visit whose first hit had none (typed in, a bookmark, an app). */
    public static final String DIRECT = "(direct)";
    /** The referrer of a visit that came from one of the site's own pages. */
    public static final String INTERNAL = "(internal)";
    /** A value that was new after the day already had {@link #MAX_VALUES_PER_DAY}. */
    public static final String OTHER = "(other)";
    /** A referrer without a readable host. */
    public static final String UNKNOWN = "(unknown)";

    /** Every dimension, by ordinal: {@link #values()} without its copy, for the recording path. */
    static final Dimension[] ALL = values();

    private final String key;

    Dimension(String key) {
        this.key = key;
    }

    /** The dimension's stable name, as stored and as used in URLs: {@code referrer}, {@code device}. */
    public String key() {
        return key;
    }

    /**
     * The dimension named {@code key}.
     *
     * @throws IllegalArgumentException if no dimension has that name, listing the names
     */
    public static Dimension ofKey(String key) {
        for (Dimension d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Dimension d : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(d.key);
        }
        throw new IllegalArgumentException("dimension must be one of " + names + ", got \""
                + (key == null ? "null" : key.length() > 32 ? key.substring(0, 32) + "…" : key) + "\"");
    }

    /**
     * The value of this dimension for a valid, counted hit, given the fingerprint of its User-Agent
     * ({@link BotRules#fingerprint}, already computed for the bot verdict) and the site's own hosts
     * (lower-case).
     */
    abstract String valueOf(Hit hit, long userAgentFingerprint, Set<String> ownHosts);

    /** Lower-cases in the root locale, so that "I" is never a dotless "ı". */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
