package io.bantin.server.security;

import io.bantin.server.admin.AdminAccounts;
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
 * One login attempt, shared by the JSON API and the HTML form: throttle check, password check,
 * throttle bookkeeping and a log line. Logs never carry the client's address, only a salted hash
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
    }

    private final AdminAccounts accounts;
    private final LoginThrottle throttle;
    private final ClientIpResolver ips;
    private final byte[] salt = new byte[16];

    /**
     * Creates the login service.
     *
     * @param accounts the accounts
     * @param throttle the failure throttle
     * @param ips client IP resolution
     */
    public Logins(AdminAccounts accounts, LoginThrottle throttle, ClientIpResolver ips) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.ips = ips;
        new SecureRandom().nextBytes(salt);
    }

    /** Checks the credentials of this request, throttled per client IP and per user name. */
    public Result attempt(Context ctx, String username, String password) {
        String ip = ips.resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), ctx.header("Forwarded"));
        Duration wait = throttle.retryAfter(ip, username);
        if (!wait.isZero()) {
            LOG.warn("event=login_throttled client={} retry_after_s={}", anonymize(ip), wait.toSeconds());
            return new Result(Kind.THROTTLED, wait);
        }
        if (accounts.authenticate(username, password)) {
            throttle.succeeded(ip, username);
            LOG.info("event=login user={} client={}", safe(username), anonymize(ip));
            return new Result(Kind.OK, Duration.ZERO);
        }
        throttle.failed(ip, username);
        LOG.warn("event=login_failed client={}", anonymize(ip));
        return new Result(Kind.FAILED, Duration.ZERO);
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
