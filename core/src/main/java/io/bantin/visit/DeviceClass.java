package io.bantin.visit;

/**
 * Derives {@link Dimension#DEVICE}'s value from a User-Agent: {@code tablet}, {@code phone} or
 * {@code desktop}. The rules of the common browsers' tokens: iPads and Android without "Mobile" are
 * tablets (as Android's own guidance for browsers says), "Mobi", iPhones and other Android are phones,
 * everything else is a desktop. Stateless.
 */
final class DeviceClass {

    static final String DESKTOP = "desktop";
    static final String PHONE = "phone";
    static final String TABLET = "tablet";

    /** Slots of {@link #remembered}: a portal's readers use a few hundred distinct User-Agents. */
    private static final int SLOTS = 1 << 10;

    /**
     * The classes of recently seen User-Agents by their fingerprint ({@link BotRules#fingerprint}),
     * direct-mapped: a new visit then costs a lookup instead of a dozen scans of the header. A
     * memo of a pure function, so sharing it between counters changes no figure; a slot may be
     * overwritten by another thread at any time, and an entry is read whole or not at all.
     */
    private static final Remembered[] remembered = new Remembered[SLOTS];

    private record Remembered(long fingerprint, String deviceClass) {
    }

    private DeviceClass() {
    }

    /** The class of a User-Agent whose fingerprint the recording path already computed. */
    static String of(String userAgent, long fingerprint) {
        int slot = (int) (fingerprint ^ fingerprint >>> 32) & (SLOTS - 1);
        Remembered r = remembered[slot];
        if (r != null && r.fingerprint == fingerprint) {
            return r.deviceClass;
        }
        String c = of(userAgent);
        remembered[slot] = new Remembered(fingerprint, c);
        return c;
    }

    static String of(String userAgent) {
        if (userAgent.contains("iPad") || userAgent.contains("Tablet") || userAgent.contains("Kindle")
                || userAgent.contains("Silk/")) {
            return TABLET;
        }
        boolean android = userAgent.contains("Android");
        if (android && !userAgent.contains("Mobile")) {
            return TABLET;
        }
        if (android || userAgent.contains("Mobi") || userAgent.contains("iPhone") || userAgent.contains("iPod")
                || userAgent.contains("Windows Phone")) {
            return PHONE;
        }
        return DESKTOP;
    }
}
