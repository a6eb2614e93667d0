package io.bantin.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The throttle's counts in this process, for one server alone: a bounded cache whose keys expire
 * the keeping time after their last write, on the throttle's clock. One lock makes each update
 * atomic. Thread-safe.
 */
final class MemoryLoginCounts implements LoginCounts {
    private final Cache<String, LoginThrottle.Count> counts;

    MemoryLoginCounts(Clock clock, Duration keep) {
        this.counts = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                // Every change is a write, so a key lives as long as its failures are remembered.
                .expireAfterWrite(keep)
                .maximumSize(100_000)
                .build();
    }

    @Override
    public synchronized <T> T update(String addressKey, String pairKey, Function<LoginThrottle.Count[], T> step) {
        LoginThrottle.Count[] c = read(addressKey, pairKey);
        T result = step.apply(c);
        store(addressKey, c[0]);
        store(pairKey, c[1]);
        return result;
    }

    private void store(String key, LoginThrottle.Count c) {
        if (c.isEmpty()) {
            counts.invalidate(key);
        } else {
            counts.put(key, c);
        }
    }

    @Override
    public LoginThrottle.Count[] read(String addressKey, String pairKey) {
        return new LoginThrottle.Count[] {get(addressKey), get(pairKey)};
    }

    private LoginThrottle.Count get(String key) {
        LoginThrottle.Count c = counts.getIfPresent(key);
        return c == null ? LoginThrottle.Count.NONE : c;
    }

    @Override
    public void forgetExpired(Instant now) {
        // The cache drops expired keys by itself (by the same clock); this only makes it do so now.
        counts.cleanUp();
    }
}
