package io.bantin.server;

import io.bantin.visit.ForwardedHeader;
import io.bantin.visit.VisitCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Everything the server needs to start, immutable. Built either with {@link #builder()} (tests,
 * embedders) or from the command line, the environment and an optional properties file with
 * {@link #parse(String[], Map)}.
 *
 * @param port TCP port; 0 picks a free one
 * @param host bind address
 * @param database SQLite file, created with its parent folders if missing; with {@code postgres}
 *     set, only its folder is used, for the generated admin password
 * @param siteName the portal's name, shown in the header and feeds
 * @param zone the site's time zone: day boundaries of the statistics and dates on pages
 * @param baseUrl public base URL (e.g. {@code https://baocaotinh.gov.vn}); {@code null} means
 *     derive it from host and port once listening
 * @param trustedProxies CIDRs of reverse proxies whose forwarding header is believed; empty means none
 * @param adminPassword when set, the {@code admin} account gets this password at start
 * @param flushInterval how often the counter persists its deltas
 * @param onlineWindow a visitor seen within this window is "online"
 * @param visitTimeout idle time after which the same visitor starts a new visit
 * @param baselineTotal when set, the legacy total is set to this at start
 * @param corsOrigins origins allowed to call the widget endpoints; {@code "*"} allows any
 * @param visitorBudget the most new visitors one client address (an IPv6 /64) creates per hour; 0 = no budget
 * @param maxVisitors the most visitors the counter holds in memory; {@code null} derives it from the heap
 * @param demo seed sample articles when the database has none
 * @param sessionLifetime an editor's login ends this long after it began, however active
 * @param bodyTimeout the longest a request body may take to arrive, after which it is cut off
 *     with 408
 * @param bodyMinRate bytes per second a request body must average once {@code bodyRateGrace} has
 *     passed, or it is cut off with 408; 0 turns the rate check off
 * @param bodyRateGrace how long a body may arrive slower than {@code bodyMinRate} (a connection's
 *     slow start, a phone waking its radio)
 * @param metricsPort the port of the separate {@code /metrics} listener on 127.0.0.1; 0 picks a
 *     free one; {@code null} means no such listener
 * @param metricsToken when set, {@code /metrics} on the main port answers requests carrying
 *     {@code Authorization: Bearer <token>}; without it (and without the token) it answers 404
 * @param clock the time source for everything
 * @param forwardedHeader the header the trusted proxies write the client's address into; the other
 *     forwarding header is ignored
 * @param postgres the PostgreSQL database to use instead of the SQLite file; {@code null} for SQLite
 * @param node this server's name in its log lines and {@code /metrics}, 1 to 64 characters of
 *     {@code [A-Za-z0-9._:-]}; {@code null} for the default, {@code <host name>:<port>} (see
 *     {@link #nodeName()})
 */
public record ServerConfig(int port, String host, Path database, String siteName, ZoneId zone,
                           String baseUrl, List<String> trustedProxies, String adminPassword,
                           Duration flushInterval, Duration onlineWindow, Duration visitTimeout,
                           Long baselineTotal, List<String> corsOrigins, int visitorBudget, Integer maxVisitors,
                           boolean demo, Duration sessionLifetime, Duration bodyTimeout, long bodyMinRate,
                           Duration bodyRateGrace, Integer metricsPort, String metricsToken, Clock clock,
                           ForwardedHeader forwardedHeader, PostgresSettings postgres, String node) {

    /** Validates ranges and copies the lists. */
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("port", "port: must be 0..65535, was " + port);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(forwardedHeader, "forwardedHeader");
        requireRange("flush-interval", flushInterval, Duration.ofMillis(10), Duration.ofHours(1));
        requireRange("online-window", onlineWindow, Duration.ofSeconds(1), Duration.ofMinutes(30));
        requireRange("visit-timeout", visitTimeout, Duration.ofSeconds(1), Duration.ofHours(24));
        requireRange("body-timeout", bodyTimeout, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireRange("body-rate-grace", bodyRateGrace, Duration.ZERO, Duration.ofMinutes(10));
        if (bodyMinRate < 0 || bodyMinRate > MAX_BODY_MIN_RATE) {
            throw new ConfigException("body-min-rate", "body-min-rate: must be 0.." + MAX_BODY_MIN_RATE
                    + " bytes per second, was " + bodyMinRate);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new ConfigException("metrics-port", "metrics-port: must be 0..65535, was " + metricsPort);
        }
        if (metricsToken != null && metricsToken.strip().length() < MIN_METRICS_TOKEN) {
            throw new ConfigException("metrics-token", "metrics-token: must be at least " + MIN_METRICS_TOKEN
                    + " characters, was " + metricsToken.strip().length());
        }
        requireRange("session-lifetime", sessionLifetime, Duration.ofMinutes(1), Duration.ofDays(30));
        if (baselineTotal != null && (baselineTotal < 0 || baselineTotal > VisitCounter.MAX_BASELINE)) {
            throw new ConfigException("baseline-total", "baseline-total: must be from 0 to "
                    + VisitCounter.MAX_BASELINE + ", was " + baselineTotal);
        }
        if (visitorBudget < 0) {
            throw new ConfigException("visitor-budget", "visitor-budget: must be >= 0, was " + visitorBudget);
        }
        if (maxVisitors != null && maxVisitors < 1) {
            throw new ConfigException("max-visitors", "max-visitors: must be auto or >= 1, was " + maxVisitors);
        }
        if (node != null && !NODE_NAME.matcher(node).matches()) {
            throw new ConfigException("node", "node: " + NODE_RULE + ", was \"" + printable(node) + "\"");
        }
        if (baseUrl != null) {
            baseUrl = stripTrailingSlash(baseUrl);
        }
        trustedProxies = List.copyOf(trustedProxies);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** The highest {@code body-min-rate}: 1 MiB/s, a rate a real client always keeps on loopback. */
    static final long MAX_BODY_MIN_RATE = 1024 * 1024;

    /** The shortest metrics token: guessing it must be hopeless. */
    static final int MIN_METRICS_TOKEN = 16;

    /** What a node name is made of: it goes into log lines and metric labels as it is. */
    private static final java.util.regex.Pattern NODE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String NODE_RULE = "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'";

    /**
     * This server's name: {@code node} when set, else {@code <host name>:<port>} with the host name
     * reduced to the characters a node name may hold (the configured port: 0 when any free one).
     */
    public String nodeName() {
        return nodeName(port);
    }

    /**
     * {@link #nodeName()} once the server listens: the default names the port it is bound to.
     *
     * @param boundPort the port the server listens on
     */
    public String nodeName(int boundPort) {
        if (node != null) {
            return node;
        }
        String suffix = ":" + boundPort;
        String host = hostName().replaceAll("[^A-Za-z0-9._-]", "-");
        return host.substring(0, Math.min(host.length(), 64 - suffix.length())) + suffix;
    }

    /**
     * The machine's name. On Linux read from the kernel: {@code InetAddress.getLocalHost()} would
     * also resolve the name, which may wait for a DNS server at every start.
     */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: ask the JDK.
        }
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name.isEmpty() ? "localhost" : name;
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** A bad value as an error message shows it: one line, not too long. */
    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** Whether cookies must carry {@code Secure}: the public base URL is https. */
    public boolean secureCookies() {
        return baseUrl != null && baseUrl.startsWith("https://");
    }

    /** {@code ServerConfig[port=..., adminPassword=***]}: never prints the password. */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", host=" + host + ", database=" + database + ", postgres=" + postgres
                + ", siteName=" + siteName + ", zone=" + zone + ", baseUrl=" + baseUrl
                + ", trustedProxies=" + trustedProxies + ", forwardedHeader=" + forwardedHeader.headerName()
                + ", adminPassword=" + (adminPassword == null ? "null" : "***")
                + ", flushInterval=" + flushInterval + ", onlineWindow=" + onlineWindow
                + ", visitTimeout=" + visitTimeout + ", baselineTotal=" + baselineTotal
                + ", corsOrigins=" + corsOrigins + ", visitorBudget=" + visitorBudget
                + ", maxVisitors=" + (maxVisitors == null ? "auto" : maxVisitors) + ", demo=" + demo
                + ", sessionLifetime=" + sessionLifetime + ", bodyTimeout=" + bodyTimeout
                + ", bodyMinRate=" + bodyMinRate + ", bodyRateGrace=" + bodyRateGrace + ", metricsPort=" + metricsPort
                + ", metricsToken=" + (metricsToken == null ? "null" : "***") + ", node=" + node + "]";
    }

    /** A builder preset with the defaults listed by {@code --help}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration: flags ({@code --port 8080} or {@code --port=8080}) win over
     * environment variables ({@code BANTIN_PORT}), which win over a properties file given by
     * {@code --config}/{@code BANTIN_CONFIG} (keys are the flag names: {@code port=8080}), which win
     * over the defaults.
     *
     * @param args command-line arguments; {@code --help} is not handled here (see {@link Main})
     * @param env environment variables, usually {@code System.getenv()}
     * @return the configuration, with the system clock
     * @throws ConfigException naming the setting, for an unknown flag, a missing value or a bad one
     */
    public static ServerConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException(arg, "unexpected argument '" + arg + "' (see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Setting setting = SETTINGS.get(name);
            if (setting == null) {
                throw new ConfigException(name, "unknown option --" + name + " (see --help)");
            }
            if (value == null) {
                if (setting.isFlag) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new ConfigException(name, "--" + name + ": a value is required");
                }
            }
            flags.put(name, value);
        }

        Map<String, String> file = Map.of();
        String configFile = flags.containsKey("config") ? flags.get("config") : env.get(SETTINGS.get("config").env);
        if (configFile != null && !configFile.isBlank()) {
            file = readProperties(Path.of(configFile));
        }

        Builder b = builder();
        for (Setting s : SETTINGS.values()) {
            if (s.apply == null) {
                continue;
            }
            String raw;
            String origin;
            if (flags.containsKey(s.name)) {
                raw = flags.get(s.name);
                origin = "--" + s.name;
            } else if (env.containsKey(s.env)) {
                raw = env.get(s.env);
                origin = s.env;
            } else if (file.containsKey(s.name)) {
                raw = file.get(s.name);
                origin = s.name + " in " + configFile;
            } else {
                continue;
            }
            try {
                s.apply.apply(b).accept(raw.trim());
            } catch (ConfigException e) {
                throw new ConfigException(s.name, origin + ": " + stripSettingPrefix(e.getMessage(), s.name));
            } catch (RuntimeException e) {
                throw new ConfigException(s.name, origin + ": " + s.rule + ", was '" + raw + "'");
            }
        }
        try {
            return b.build();
        } catch (ConfigException e) {
            Setting s = SETTINGS.get(e.setting());
            String name = s == null ? e.setting() : "--" + s.name + "/" + s.env;
            throw new ConfigException(e.setting(), name + ": " + stripSettingPrefix(e.getMessage(), e.setting()));
        }
    }

    /** The text printed by {@code --help}: every flag, its environment variable, rule and default. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar bantin-server.jar [options]\n\n");
        sb.append("Each option can also be set by its environment variable, or in a properties file\n");
        sb.append("given by --config (keys are the option names without dashes, e.g. port=8080).\n");
        sb.append("Precedence: flags > environment > properties file > defaults.\n");
        sb.append("Durations: ISO-8601 (PT5M) or a number with a unit: 500ms, 30s, 5m, 2h, 1d.\n\n");
        for (Setting s : SETTINGS.values()) {
            String left = "  --" + s.name + (s.isFlag ? "" : " <" + s.valueName + ">");
            sb.append(String.format(Locale.ROOT, "%-34s %-24s %s%n", left, s.env, s.help));
        }
        sb.append(String.format(Locale.ROOT, "%-34s %-24s %s%n", "  --help", "", "print this text and exit"));
        return sb.toString();
    }

    /**
     * Parses a duration: ISO-8601 ({@code PT5M}) or a non-negative number of ASCII digits with a
     * unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}).
     *
     * @throws NullPointerException if text is null
     * @throws IllegalArgumentException when it is neither, or too large for a {@link Duration}
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        int i = 0;
        // ASCII only: Character.isDigit (and Long.parseLong) would also take "٥" for 5.
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || i == t.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        try {
            long n = Long.parseLong(t.substring(0, i));
            switch (t.substring(i)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                case "d": return Duration.ofDays(n);
                default: throw new IllegalArgumentException("not a duration: " + text);
            }
        } catch (ArithmeticException e) {
            // Duration.ofDays(10^15) and the like overflow; Long.parseLong's NumberFormatException
            // for more than 19 digits is already an IllegalArgumentException.
            throw new IllegalArgumentException("duration too large: " + text, e);
        }
    }

    private static Map<String, String> readProperties(Path path) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("config", "--config/BANTIN_CONFIG: cannot read " + path + " (" + e.getMessage() + ")");
        }
        Map<String, String> out = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!SETTINGS.containsKey(key) || "config".equals(key)) {
                throw new ConfigException("config", "--config/BANTIN_CONFIG: unknown key '" + key + "' in " + path);
            }
            out.put(key, p.getProperty(key));
        }
        return out;
    }

    private static String stripSettingPrefix(String message, String name) {
        String prefix = name + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static void requireRange(String name, Duration d, Duration min, Duration max) {
        Objects.requireNonNull(d, name);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(name, name + ": must be between " + min + " and " + max + ", was " + d);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String requireNotBlank(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return value;
    }

    private static List<String> splitList(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static boolean parseBoolean(String raw) {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": case "": return false;
            default: throw new IllegalArgumentException("not a boolean: " + raw);
        }
    }

    /** One setting: its names, its rule for error messages, and how it lands in the builder. */
    private static final class Setting {
        final String name;
        final String env;
        final String valueName;
        final String help;
        final String rule;
        final boolean isFlag;
        final Function<Builder, java.util.function.Consumer<String>> apply;

        Setting(String name, String valueName, String help, String rule, boolean isFlag,
                Function<Builder, java.util.function.Consumer<String>> apply) {
            this.name = name;
            this.env = "BANTIN_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
            this.valueName = valueName;
            this.help = help;
            this.rule = rule;
            this.isFlag = isFlag;
            this.apply = apply;
        }
    }

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    private static void define(String name, String valueName, String help, String rule,
                               Function<Builder, java.util.function.Consumer<String>> apply) {
        SETTINGS.put(name, new Setting(name, valueName, help, rule, false, apply));
    }

    static {
        define("port", "n", "TCP port, 0 = any free port (default 7070)", "must be an integer 0..65535",
                b -> v -> b.port(Integer.parseInt(v)));
        define("host", "address", "bind address (default 127.0.0.1)", "must be a host name or IP address",
                b -> v -> {
                    if (v.isBlank()) {
                        throw new IllegalArgumentException("blank");
                    }
                    b.host(v);
                });
        define("db", "file|url", "SQLite database file, or a PostgreSQL database as " + PostgresSettings.URL_PREFIX
                        + "host:port/name (default ./data/bantin.db)",
                "must be a file path or a " + PostgresSettings.URL_PREFIX + " URL", b -> v -> {
                    if (v.startsWith("jdbc:")) {
                        b.postgresUrl(v);
                    } else {
                        b.database(Path.of(v));
                    }
                });
        define("db-user", "name", "PostgreSQL user (default: the one the URL names)", "must not be blank",
                b -> v -> b.databaseUser(requireNotBlank(v)));
        define("db-password", "secret", "PostgreSQL password (default: the one the URL carries, else none)",
                "must not be blank", b -> v -> b.databasePassword(requireNotBlank(v)));
        define("db-pool-size", "n", "PostgreSQL connections this server holds at most, 1.." + PostgresSettings.MAX_POOL_SIZE
                        + " (default " + Builder.DEFAULT_POOL_SIZE + ")",
                "must be an integer 1.." + PostgresSettings.MAX_POOL_SIZE, b -> v -> b.databasePoolSize(Integer.parseInt(v)));
        define("db-wait", "duration", "how long a start waits for PostgreSQL to answer before exiting with 2, 0s..1h "
                        + "(default " + Builder.DEFAULT_DB_WAIT.toSeconds() + "s)",
                "must be a duration from 0s to 1h such as 30s or PT30S", b -> v -> b.databaseWait(parseDuration(v)));
        define("site-name", "text", "site name in the header and feeds (default \"" + Builder.DEFAULT_SITE_NAME + "\")",
                "must not be blank", b -> v -> {
                    if (v.isBlank()) {
                        throw new IllegalArgumentException("blank");
                    }
                    b.siteName(v);
                });
        define("zone", "zone-id", "site time zone for day boundaries (default Asia/Ho_Chi_Minh)",
                "must be a time zone id such as Asia/Ho_Chi_Minh", b -> v -> {
                    try {
                        b.zone(ZoneId.of(v));
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException(e);
                    }
                });
        define("base-url", "url", "public base URL, e.g. https://example.gov.vn (default http://host:port)",
                "must be an absolute http:// or https:// URL", b -> v -> {
                    if (!(v.startsWith("http://") || v.startsWith("https://")) || v.length() < 9) {
                        throw new IllegalArgumentException("not an http(s) URL");
                    }
                    java.net.URI.create(v);
                    b.baseUrl(v);
                });
        define("trusted-proxies", "cidrs", "comma-separated CIDRs whose X-Forwarded-For is believed (default none)",
                "must be comma-separated CIDRs such as 10.0.0.0/8,::1/128", b -> v -> {
                    List<String> cidrs = splitList(v);
                    for (String cidr : cidrs) {
                        io.bantin.visit.Cidr.parse(cidr);
                    }
                    b.trustedProxies(cidrs);
                });
        // X-Forwarded-For by default: it is what was read before this setting existed, and what
        // nginx, HAProxy and most load balancers write.
        define("forwarded-header", "name", "the header the trusted proxies write: X-Forwarded-For or Forwarded;"
                        + " the other is ignored (default X-Forwarded-For)",
                "must be X-Forwarded-For or Forwarded", b -> v -> b.forwardedHeader(ForwardedHeader.parse(v)));
        define("admin-password", "secret", "password for the 'admin' account (default: random, written once to admin-password.txt next to the database)",
                "must not be blank", b -> v -> {
                    if (v.isBlank()) {
                        throw new IllegalArgumentException("blank");
                    }
                    b.adminPassword(v);
                });
        define("flush-interval", "duration", "how often counts are written to the database, 10ms..1h (default 5s)",
                "must be a duration from 10ms to 1h such as 5s or PT5S", b -> v -> b.flushInterval(parseDuration(v)));
        define("online-window", "duration", "a visitor seen within this is online, 1s..30m (default 5m)",
                "must be a duration from 1s to 30m such as 5m or PT5M", b -> v -> b.onlineWindow(parseDuration(v)));
        define("visit-timeout", "duration", "idle time that ends a visit, 1s..24h (default 30m)",
                "must be a duration from 1s to 24h such as 30m or PT30M", b -> v -> b.visitTimeout(parseDuration(v)));
        define("baseline-total", "n", "legacy visit total to add to bantin's count, 0..10^15 (default: keep stored)",
                "must be an integer from 0 to " + VisitCounter.MAX_BASELINE, b -> v -> {
                    long n = Long.parseLong(v);
                    if (n < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    b.baselineTotal(n);
                });
        define("cors-origins", "origins", "comma-separated origins allowed to use widget.js and /api/hits, * = any (default none)",
                "must be comma-separated origins such as https://a.gov.vn or *", b -> v -> {
                    List<String> origins = splitList(v);
                    for (String o : origins) {
                        if (!"*".equals(o) && !(o.startsWith("http://") || o.startsWith("https://"))) {
                            throw new IllegalArgumentException("not an origin: " + o);
                        }
                    }
                    b.corsOrigins(origins);
                });
        define("session-lifetime", "duration", "an editor's login ends this long after it began, however active, 1m..30d (default 12h)",
                "must be a duration from 1m to 30d such as 12h or PT12H", b -> v -> b.sessionLifetime(parseDuration(v)));
        define("visitor-budget", "n", "new visitors one address (an IPv6 /64) may create per hour, 0 = no limit "
                        + "(default " + Builder.DEFAULT_VISITOR_BUDGET + ": an office of a few hundred people behind one NAT "
                        + "address; beyond it hits count only as page views)",
                "must be an integer >= 0", b -> v -> {
                    int n = Integer.parseInt(v);
                    if (n < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    b.visitorBudget(n);
                });
        define("max-visitors", "n|auto", "visitors held in memory; beyond it they are counted as dropped "
                        + "(default auto: a quarter of the heap, about 70,000 at -Xmx96m)",
                "must be auto or an integer >= 1", b -> v -> {
                    if ("auto".equalsIgnoreCase(v)) {
                        b.maxVisitors(null);
                        return;
                    }
                    int n = Integer.parseInt(v);
                    if (n < 1) {
                        throw new IllegalArgumentException("less than 1");
                    }
                    b.maxVisitors(n);
                });
        define("body-timeout", "duration", "longest time a request body may take to arrive, 100ms..10m (default 30s)",
                "must be a duration from 100ms to 10m such as 30s or PT30S", b -> v -> b.bodyTimeout(parseDuration(v)));
        define("body-min-rate", "bytes/s", "slowest average rate of a request body after the grace, 0 = off (default 1024)",
                "must be an integer 0.." + MAX_BODY_MIN_RATE, b -> v -> b.bodyMinRate(Long.parseLong(v)));
        define("body-rate-grace", "duration", "time a body may arrive slower than body-min-rate, 0..10m (default 5s)",
                "must be a duration from 0s to 10m such as 5s or PT5S", b -> v -> b.bodyRateGrace(parseDuration(v)));
        define("metrics-port", "n", "serve /metrics on this port of 127.0.0.1, 0 = any free port (default: none)",
                "must be an integer 0..65535", b -> v -> b.metricsPort(Integer.parseInt(v)));
        define("metrics-token", "secret", "serve /metrics on the main port to 'Authorization: Bearer <token>' (default: 404)",
                "must be at least " + MIN_METRICS_TOKEN + " characters", b -> v -> b.metricsToken(v));
        define("node", "name", "this server's name in its logs and /metrics, 1..64 of A-Z a-z 0-9 . _ : - "
                        + "(default <host name>:<port>)", NODE_RULE, b -> v -> {
                    if (!NODE_NAME.matcher(v).matches()) {
                        throw new IllegalArgumentException("not a node name");
                    }
                    b.node(v);
                });
        SETTINGS.put("demo", new Setting("demo", null, "seed sample articles when the database has none",
                "must be true or false", true, b -> v -> b.demo(parseBoolean(v))));
        define("config", "file", "properties file with any of these options", "must be a readable file", null);
    }

    /** Collects the settings; each defaults as documented in {@link ServerConfig#help()}. Not thread-safe. */
    public static final class Builder {
        static final String DEFAULT_SITE_NAME = "Cổng Thông tin điện tử Bản Tin";
        /**
         * New visitors per address and hour: an office or school of a few hundred people behind one
         * NAT address each opens the portal within an hour; a single client with ever new
         * User-Agents is held to that.
         */
        static final int DEFAULT_VISITOR_BUDGET = 300;

        /**
         * PostgreSQL connections per server: a flush, a few article reads and a login at once are
         * enough on two cores; more would only queue inside PostgreSQL.
         */
        static final int DEFAULT_POOL_SIZE = 4;

        /** How long a start waits for PostgreSQL: long enough for a database that boots alongside. */
        static final Duration DEFAULT_DB_WAIT = Duration.ofSeconds(30);

        private int port = 7070;
        private String host = "127.0.0.1";
        private Path database = Path.of("data", "bantin.db");
        private String siteName = DEFAULT_SITE_NAME;
        private ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        private String baseUrl;
        private List<String> trustedProxies = List.of();
        private String adminPassword;
        private Duration flushInterval = Duration.ofSeconds(5);
        private Duration onlineWindow = Duration.ofMinutes(5);
        private Duration visitTimeout = Duration.ofMinutes(30);
        private Long baselineTotal;
        private List<String> corsOrigins = List.of();
        private int visitorBudget = DEFAULT_VISITOR_BUDGET;
        private Integer maxVisitors;
        private boolean demo;
        private Duration sessionLifetime = Duration.ofHours(12);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private long bodyMinRate = 1024;
        private Duration bodyRateGrace = Duration.ofSeconds(5);
        private Integer metricsPort;
        private String metricsToken;
        private Clock clock = Clock.systemUTC();
        private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        private String postgresUrl;
        private String databaseUser;
        private String databasePassword;
        private int databasePoolSize = DEFAULT_POOL_SIZE;
        private Duration databaseWait = DEFAULT_DB_WAIT;
        private String node;

        private Builder() {
        }

        /** TCP port; 0 picks a free one. */
        public Builder port(int port) { this.port = port; return this; }
        /** Bind address. */
        public Builder host(String host) { this.host = Objects.requireNonNull(host, "host"); return this; }
        /** SQLite database file. */
        public Builder database(Path database) { this.database = Objects.requireNonNull(database, "database"); return this; }
        /** The portal's name. */
        public Builder siteName(String siteName) { this.siteName = Objects.requireNonNull(siteName, "siteName"); return this; }
        /** Site time zone. */
        public Builder zone(ZoneId zone) { this.zone = Objects.requireNonNull(zone, "zone"); return this; }
        /** Public base URL; {@code null} derives it from host and port. */
        public Builder baseUrl(String baseUrl) { this.baseUrl = baseUrl; return this; }
        /** CIDRs of trusted reverse proxies. */
        public Builder trustedProxies(List<String> cidrs) { this.trustedProxies = List.copyOf(cidrs); return this; }
        /** Password for {@code admin}; {@code null} keeps it (or generates one on first start). */
        public Builder adminPassword(String adminPassword) { this.adminPassword = adminPassword; return this; }
        /** How often the counter persists. */
        public Builder flushInterval(Duration d) { this.flushInterval = d; return this; }
        /** Online window. */
        public Builder onlineWindow(Duration d) { this.onlineWindow = d; return this; }
        /** Visit idle timeout. */
        public Builder visitTimeout(Duration d) { this.visitTimeout = d; return this; }
        /** Legacy total to set at start; {@code null} keeps the stored one. */
        public Builder baselineTotal(Long total) { this.baselineTotal = total; return this; }
        /** Origins allowed for the widget endpoints. */
        public Builder corsOrigins(List<String> origins) { this.corsOrigins = List.copyOf(origins); return this; }
        /** New visitors one address may create per hour; 0 = no budget. */
        public Builder visitorBudget(int n) { this.visitorBudget = n; return this; }
        /** Visitors held in memory; {@code null} derives the cap from the heap. */
        public Builder maxVisitors(Integer n) { this.maxVisitors = n; return this; }
        /** Seed sample articles into an empty database. */
        public Builder demo(boolean demo) { this.demo = demo; return this; }
        /** How long an editor's login lasts at most, however active. */
        public Builder sessionLifetime(Duration d) { this.sessionLifetime = d; return this; }
        /** Longest time a request body may take to arrive. */
        public Builder bodyTimeout(Duration d) { this.bodyTimeout = d; return this; }
        /** Slowest average body rate in bytes per second after the grace; 0 turns the check off. */
        public Builder bodyMinRate(long bytesPerSecond) { this.bodyMinRate = bytesPerSecond; return this; }
        /** How long a body may arrive slower than the minimum rate. */
        public Builder bodyRateGrace(Duration d) { this.bodyRateGrace = d; return this; }
        /** Port of the separate {@code /metrics} listener on 127.0.0.1; {@code null} for none. */
        public Builder metricsPort(Integer port) { this.metricsPort = port; return this; }
        /** Bearer token that opens {@code /metrics} on the main port; {@code null} for none. */
        public Builder metricsToken(String token) { this.metricsToken = token; return this; }
        /** Time source. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }
        /** A PostgreSQL database ({@code jdbc:postgresql://...}) instead of the SQLite file; {@code null} for SQLite. */
        public Builder postgresUrl(String url) { this.postgresUrl = url; return this; }
        /** The PostgreSQL user; {@code null} when the URL names it. */
        public Builder databaseUser(String user) { this.databaseUser = user; return this; }
        /** The PostgreSQL password; {@code null} when the URL carries it. */
        public Builder databasePassword(String password) { this.databasePassword = password; return this; }
        /** The most PostgreSQL connections this server holds. */
        public Builder databasePoolSize(int n) { this.databasePoolSize = n; return this; }
        /** How long a start waits for PostgreSQL to answer. */
        public Builder databaseWait(Duration d) { this.databaseWait = Objects.requireNonNull(d, "databaseWait"); return this; }
        /** This server's name in logs and metrics; {@code null} for {@code <host name>:<port>}. */
        public Builder node(String node) { this.node = node; return this; }
        /** The header the trusted proxies write; the other is ignored. */
        public Builder forwardedHeader(ForwardedHeader header) {
            this.forwardedHeader = Objects.requireNonNull(header, "forwardedHeader");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws ConfigException naming the setting when a value is out of range
         */
        public ServerConfig build() {
            PostgresSettings postgres = null;
            if (postgresUrl != null) {
                postgres = new PostgresSettings(postgresUrl, databaseUser, databasePassword, databasePoolSize, databaseWait);
            } else if (databaseUser != null || databasePassword != null) {
                String setting = databaseUser != null ? "db-user" : "db-password";
                throw new ConfigException(setting, setting + ": only for a PostgreSQL database, but db is a SQLite file");
            }
            return new ServerConfig(port, host, database, siteName, zone, baseUrl, trustedProxies, adminPassword,
                    flushInterval, onlineWindow, visitTimeout, baselineTotal, corsOrigins, visitorBudget, maxVisitors,
                    demo, sessionLifetime, bodyTimeout, bodyMinRate, bodyRateGrace, metricsPort, metricsToken, clock,
                    forwardedHeader, postgres, node);
        }
    }
}
