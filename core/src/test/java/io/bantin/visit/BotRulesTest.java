package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotRulesTest {

    private static final BotRules RULES = BotRules.standard();

    @ParameterizedTest
    @ValueSource(strings = {UserAgents.CHROME_WINDOWS, UserAgents.FIREFOX_LINUX, UserAgents.SAFARI_MAC,
        UserAgents.EDGE_WINDOWS, UserAgents.COC_COC, UserAgents.ZALO_ANDROID, UserAgents.ZALO_IOS,
        UserAgents.CHROME_ANDROID, UserAgents.SAMSUNG_INTERNET, UserAgents.SAFARI_IPHONE, UserAgents.FACEBOOK_IN_APP,
        UserAgents.CUBOT_PHONE})
    void peoplesBrowsersCount(String userAgent) {
        assertThat(RULES.isBot(userAgent)).isFalse();
        assertThat(RULES.isBot(userAgent)).as("cached verdict").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {UserAgents.GOOGLEBOT, UserAgents.GOOGLEBOT_SMARTPHONE, UserAgents.BINGBOT,
        UserAgents.COCCOCBOT, UserAgents.YANDEX, UserAgents.BAIDU, UserAgents.FACEBOOK_CRAWLER, UserAgents.YAHOO,
        UserAgents.HEADLESS, UserAgents.PYTHON_REQUESTS, UserAgents.CURL, UserAgents.WGET, UserAgents.GO,
        UserAgents.JAVA, UserAgents.OKHTTP, UserAgents.AHREFS, UserAgents.PETAL, "", " ", "\t",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)",
        "Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1; https://duckduckgo.com/duckduckbot)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "Some-Crawler/1.0", "MySpider", "GOOGLEBOT"})
    void botsAndScriptsDoNot(String userAgent) {
        assertThat(RULES.isBot(userAgent)).isTrue();
        assertThat(RULES.isBot(userAgent)).as("cached verdict").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WhatsApp/2.23.20.0 A",
        "WhatsApp/2.2409.2 i",
        "Viber",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Facebot",
        "TelegramBot (like TwitterBot)",
        "Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Iframely/1.3.1 (+https://iframely.com/docs/about)",
        "Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)",
        "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
        "Pinterest/0.2 (+https://www.pinterest.com/bot.html)",
        "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)"})
    void linkPreviewAgentsCountNothing(String userAgent) {
        assertThat(RULES.isBot(userAgent)).isTrue();
    }

    @Test
    void customRulesHonourCommentsExemptionsAndCase() {
        BotRules rules = BotRules.of(List.of("# comment", "", "  Probe ", "!probeless"));
        assertThat(rules.isBot("a PROBE b")).isTrue();
        assertThat(rules.isBot("probeless browser")).isFalse();
        assertThat(rules.isBot("Mozilla")).isFalse();
        assertThat(rules.isBot("")).isTrue();
    }

    @Test
    void manyDistinctUserAgentsKeepCorrectVerdicts() {
        for (int i = 0; i < 100_000; i++) {
            assertThat(RULES.isBot("Mozilla/5.0 Build/" + i)).isFalse();
            assertThat(RULES.isBot("crawler-" + i)).isTrue();
        }
    }
}
