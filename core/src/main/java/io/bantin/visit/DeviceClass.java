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

    private DeviceClass() {
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
