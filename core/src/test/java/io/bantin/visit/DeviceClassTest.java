package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceClassTest {

    @Test
    void theRememberedClassOfAFingerprintIsTheComputedOneAndACollidingSlotIsRecomputed() {
        for (String ua : new String[] {UserAgents.CHROME_WINDOWS, UserAgents.SAFARI_IPHONE, UserAgents.ZALO_ANDROID}) {
            long f = BotRules.fingerprint(ua);
            assertThat(DeviceClass.of(ua, f)).isEqualTo(DeviceClass.of(ua)).isEqualTo(DeviceClass.of(ua, f));
        }
        // Same slot (equal low bits once folded), another fingerprint: not the phone's class.
        long phone = BotRules.fingerprint(UserAgents.SAFARI_IPHONE);
        assertThat(DeviceClass.of(UserAgents.SAFARI_IPHONE, phone)).isEqualTo("phone");
        assertThat(DeviceClass.of(UserAgents.CHROME_WINDOWS, phone ^ (1L << 40) ^ (1L << 8))).isEqualTo("desktop");
    }

    @Test
    void aUserAgentsClassIsRememberedUnderItsFingerprint() {
        long phone = BotRules.fingerprint(UserAgents.SAFARI_IPHONE);
        assertThat(DeviceClass.of(UserAgents.SAFARI_IPHONE, phone)).isEqualTo("phone");
        // Asked again under that fingerprint, the class comes from memory without reading the text.
        assertThat(DeviceClass.of(UserAgents.CHROME_WINDOWS, phone)).isEqualTo("phone");
    }

    @Test
    void commonBrowsersAreDesktopsPhonesOrTablets() {
        for (String ua : new String[] {UserAgents.CHROME_WINDOWS, UserAgents.FIREFOX_LINUX, UserAgents.SAFARI_MAC,
                UserAgents.EDGE_WINDOWS, UserAgents.COC_COC, "", "something else"}) {
            assertThat(DeviceClass.of(ua)).as(ua).isEqualTo("desktop");
        }
        for (String ua : new String[] {UserAgents.ZALO_ANDROID, UserAgents.ZALO_IOS, UserAgents.CHROME_ANDROID,
                UserAgents.SAMSUNG_INTERNET, UserAgents.SAFARI_IPHONE, UserAgents.FACEBOOK_IN_APP, UserAgents.CUBOT_PHONE}) {
            assertThat(DeviceClass.of(ua)).as(ua).isEqualTo("phone");
        }
        assertThat(DeviceClass.of("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.4 Mobile/15E148 Safari/604.1")).isEqualTo("tablet");
        assertThat(DeviceClass.of("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/124.0.0.0 Safari/537.36")).as("Android without Mobile").isEqualTo("tablet");
    }
}
