package io.bantin.visit;

import static io.bantin.visit.Generators.anyStrings;
import static io.bantin.visit.Generators.stringsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
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
    void aLoneExclamationMarkExemptsNothing() {
        BotRules rules = BotRules.of(List.of("bot", "!", "! "));
        assertThat(rules.isBot("Googlebot/2.1")).isTrue();
        assertThat(rules.isBot("Mozilla/5.0")).isFalse();
    }

    /** Custom rules with every kind of line, and the same rules read plainly by the test. */
    private static final List<String> LINES = List.of("# test rules", "", "bot", " Crawl ", "spider", "!cubot", "!", "headless");
    private static final List<String> TOKENS = List.of("bot", "crawl", "spider", "headless");
    private static final List<String> EXEMPTIONS = List.of("cubot");

    /** The rules as the class documents them, with no cache: blank, or a token left after removing exemptions. */
    private static boolean plainVerdict(String userAgent) {
        if (userAgent.isBlank()) {
            return true;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String exemption : EXEMPTIONS) {
            ua = ua.replace(exemption, " ");
        }
        for (String token : TOKENS) {
            if (ua.contains(token)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyVerdictFirstOrCachedIsThePlainRulesVerdict() {
        BotRules rules = BotRules.of(LINES);
        List<String> asked = new ArrayList<>();
        qt().withExamples(5_000).forAll(userAgents()).checkAssert(ua -> {
            assertThat(rules.isBot(ua)).as(ua).isEqualTo(plainVerdict(ua));
            assertThat(rules.isBot(ua)).as("cached: " + ua).isEqualTo(plainVerdict(ua));
            // And one asked earlier, whose slot other User-Agents may have taken since.
            asked.add(ua);
            String earlier = asked.get(Math.floorMod(ua.hashCode(), asked.size()));
            assertThat(rules.isBot(earlier)).as("earlier: " + earlier).isEqualTo(plainVerdict(earlier));
        });
    }

    /** Real browsers' and bots' User-Agents, versions and tokens spliced in, and any text at all. */
    private static Gen<String> userAgents() {
        List<String> real = realUserAgents();
        Gen<String> spliced = arbitrary().pick(real).zip(arbitrary().pick("", "bot", "Cubot", "CUBOT X50", "crawler",
                        "Spider", "HeadlessChrome", " ", "Build/1.2", "\u00e9"), Generate.range(0, 400),
                (ua, piece, at) -> ua.substring(0, Math.min(at, ua.length())) + piece + ua.substring(Math.min(at, ua.length())));
        return Generate.oneOf(spliced, spliced, stringsOf("botBOTcuCrawl /.0 \t", 0, 24), anyStrings(200));
    }

    private static List<String> realUserAgents() {
        List<String> uas = new ArrayList<>();
        for (Field f : UserAgents.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    f.setAccessible(true);
                    uas.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return uas;
    }

    @Test
    void distinctUserAgentsNeverShareAFingerprint() {
        // The fingerprint keys the verdict cache and, with the IP, the visitor: two User-Agents sharing
        // one would share a verdict and merge two visitors. These are the pairs a site really sees:
        // User-Agents one character, one version number or one length apart, and a crowd of others.
        Set<String> userAgents = new HashSet<>();
        for (String ua : realUserAgents()) {
            for (int end = 0; end <= ua.length(); end++) {
                userAgents.add(ua.substring(0, end));
            }
            for (int i = 0; i < ua.length(); i++) {
                for (char c : new char[] {'0', '1', '9', ' ', '.', '/', 'a', 'Z', '~', '\u00e9', '\u0000'}) {
                    userAgents.add(ua.substring(0, i) + c + ua.substring(i + 1));
                }
                if (i + 4 < ua.length()) {
                    // Two characters four apart swapped: the same multiset of characters in one word.
                    char[] swapped = ua.toCharArray();
                    swapped[i] = ua.charAt(i + 4);
                    swapped[i + 4] = ua.charAt(i);
                    userAgents.add(new String(swapped));
                }
            }
            userAgents.add(ua + "\u0000");
        }
        for (int n = 0; n < 100_000; n++) {
            userAgents.add("Mozilla/5.0 (Linux; Android " + (n % 15) + "; SM-A" + n / 15 + ") AppleWebKit/537.36 "
                    + "(KHTML, like Gecko) Chrome/124.0." + n % 7_000 + ".82 Mobile Safari/537.36");
        }
        Random random = new Random(14);
        for (int n = 0; n < 100_000; n++) {
            char[] text = new char[random.nextInt(24)];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) (' ' + random.nextInt(95));
            }
            userAgents.add(new String(text));
        }
        // Short ones too ("curl/8", "Java/17"), where the first lane reads no full word: 200,000 of one
        // length would already show a fingerprint that kept only 32 bits of them.
        for (int n = 0; n < 200_000; n++) {
            char[] text = new char[7];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) (' ' + random.nextInt(95));
            }
            userAgents.add(new String(text));
        }
        Set<Long> fingerprints = new HashSet<>();
        for (String ua : userAgents) {
            // Bit 0 carries the cached verdict, so only the others tell User-Agents apart.
            assertThat(fingerprints.add(BotRules.fingerprint(ua) & ~1L)).as(ua).isTrue();
        }
    }

    @Test
    void aVersionBumpInTheLastCharactersMakesAnotherFingerprint() {
        // Two changes four characters apart whose bits cancelled in the old tail fold.
        for (String prefix : new String[] {"MyBot/1", "MyBot/12", "Mozilla/5.0 MyBot/12", "x"}) {
            assertThat(BotRules.fingerprint(prefix + "24.0.1")).as(prefix).isNotEqualTo(BotRules.fingerprint(prefix + "25.0.0"));
        }
    }

    @Test
    void theVerdictsOfAFewThousandUserAgentsAreRememberedAtOnce() {
        // The cache's promise: a site's few thousand User-Agents cost one hash and one read per hit.
        // A remembered verdict is seen by asking under the same fingerprint with text of the other verdict.
        BotRules rules = BotRules.of(List.of("bot"));
        List<String> userAgents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            userAgents.add(i % 2 == 0 ? "Mozilla/5.0 Build/" + i : "bot-" + i);
        }
        userAgents.forEach(rules::isBot);
        int remembered = 0;
        for (String ua : userAgents) {
            boolean verdict = ua.startsWith("bot");
            remembered += rules.isBot(verdict ? "Mozilla" : "bot", BotRules.fingerprint(ua)) == verdict ? 1 : 0;
        }
        // A direct-mapped table of 32,768 slots keeps all but the few dozen that share a slot (and asking
        // one of a pair with the other's text here evicts the other too).
        assertThat(remembered).isGreaterThanOrEqualTo(1_800);
    }

    @Test
    void manyDistinctUserAgentsKeepCorrectVerdicts() {
        for (int i = 0; i < 100_000; i++) {
            assertThat(RULES.isBot("Mozilla/5.0 Build/" + i)).isFalse();
            assertThat(RULES.isBot("crawler-" + i)).isTrue();
        }
    }
}
