package io.bantin.server;

/**
 * A configuration value is missing or malformed. The message is one line that names the setting
 * (flag and environment variable) and the rule it broke, fit to print as is before exiting with 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * Creates the exception.
     *
     * @param setting the setting's flag name without dashes, e.g. {@code "port"}
     * @param message one line naming the setting and what was wrong
     */
    public ConfigException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting's flag name without dashes, e.g. {@code "port"}. */
    public String setting() {
        return setting;
    }
}
