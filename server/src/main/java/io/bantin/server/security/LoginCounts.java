package io.bantin.server.security;

import java.time.Instant;
import java.util.function.Function;

/**
 * Where a {@link LoginThrottle} keeps its counts: per key, in this process or in the database the
 * servers share. A key without a stored count reads as {@link LoginThrottle.Count#NONE}.
 */
interface LoginCounts {
    /**
     * Reads the counts of an address key and a pair key, lets {@code step} replace them in the
     * array it gets ({@code [address, pair]}), and stores what it left there, as one step that no
     * other update, on any server, interleaves with. A count left {@linkplain
     * LoginThrottle.Count#isEmpty() empty} is dropped.
     *
     * @return what {@code step} returned
     */
    <T> T update(String addressKey, String pairKey, Function<LoginThrottle.Count[], T> step);

    /** The counts of the two keys as stored now ({@code [address, pair]}), without changing them. */
    LoginThrottle.Count[] read(String addressKey, String pairKey);

    /**
     * Drops every count not written to for the keeping time, however it ended.
     *
     * @param now the throttle's time
     */
    void forgetExpired(Instant now);
}
