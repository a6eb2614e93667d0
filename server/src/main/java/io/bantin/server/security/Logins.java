package io.bantin.server.security;

import io.bantin.servlet.internal.HitRequests;
import io.bantin.visit.ClientAddresses;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login attempt, shared by the JSON API and the HTML form: throttle reservation, password
 * check, throttle bookkeeping and a log line. Logs never carry the client's address, only a salted hash
 * that changes with every start (enough to see a burst from one client). Thread-safe.
 */
public final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    /** What became of an attempt. */
    public enum Kind { OK, FAILED, THROTTLED }

    /**
     * The outcome.
     *
     * @param kind ok, failed or throttled
     * @param retryAfter how long to wait when throttled, else zero
     */
    public record Result(Kind kind, Duration retryAfter) {
        /** The wait in whole seconds, rounded up, for {@code Retry-After}; at least 1 when throttled. */
        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        static long seconds(Duration wait) {
            if (wait.isZero() || wait.isNegative()) {
                return 0;
            }
            long s = wait.toSeconds();
            return wait.equals(Duration.ofSeconds(s)) ? s : s + 1;
        }
    }

    private final PasswordCheck accounts;
    private final LoginThrottle throttle;
    private final ClientAddresses ips;
    private final byte[] salt = new byte[16];

    /** The password check behind a login; {@link AdminAccounts#authenticate} in the server. */
    @FunctionalInterface
    public interface PasswordCheck {
        /** Whether the user exists and the password is theirs. */
        boolean authenticate(String username, String password);
    }

    /**
     * Creates the login service.
     *
     * @param accounts the accounts
     * @param throttle the failure throttle
     * @param ips client IP resolution
     */
    public Logins(AdminAccounts accounts, LoginThrottle throttle, ClientAddresses ips) {
        this(accounts::authenticate, throttle, ips);
    }

    /**
     * Creates the login service over any password check (tests count the checks made).
     *
     * @param accounts checks a user's password
     * @param throttle the failure throttle
     * @param ips client IP resolution
     */
    public Logins(PasswordCheck accounts, LoginThrottle throttle, ClientAddresses ips) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.ips = ips;
        new SecureRandom().nextBytes(salt);
    }

    /** Checks the credentials of this request, throttled per (user name, client address) and per address. */
    public Result attempt(Context ctx, String username, String password) {
        String ip = HitRequests.clientIp(ips, ctx.req());
        return attempt(ip, username, password);
    }

    /**
     * Checks the credentials of a client at this address. The attempt is reserved in the throttle
     * before the password is checked, so concurrent attempts cannot check more passwords than the
     * throttle allows; a throttled attempt checks none.
     *
     * @param ip the client's address
     * @param username the name tried
     * @param password the password tried
     */
    public Result attempt(String ip, String username, String password) {
        LoginThrottle.Reservation reservation = throttle.reserve(ip, username);
        if (reservation.verdict() == LoginThrottle.Verdict.THROTTLED) {
            Duration wait = reservation.retryAfter();
            LOG.warn("event=login_throttled client={} retry_after_s={}", anonymize(ip), Result.seconds(wait));
            return new Result(Kind.THROTTLED, wait);
        }
        try {
            if (accounts.authenticate(username, password)) {
                reservation.succeeded();
                LOG.info("event=login user={} client={}", safe(username), anonymize(ip));
                return new Result(Kind.OK, Duration.ZERO);
            }
            reservation.failed();
            LOG.warn("event=login_failed client={}", anonymize(ip));
            return new Result(Kind.FAILED, Duration.ZERO);
        } finally {
            // Only when the check itself threw: the attempt is released without counting.
            reservation.cancel();
        }
    }

    /** A short salted hash standing for an address in logs. */
    String anonymize(String ip) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update(ip.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String safe(String username) {
        // Only successful names get here, but keep log lines one line whatever they contain.
        return username.replaceAll("[^A-Za-z0-9._@-]", "_");
    }
}
