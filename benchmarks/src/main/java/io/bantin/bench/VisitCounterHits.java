package io.bantin.bench;

import io.bantin.visit.Hit;
import java.util.SplittableRandom;

/**
 * Pre-generated, realistic hits: varied IPv4 and IPv6 addresses, User-Agents of the browsers
 * Vietnamese readers use (with version numbers varied, as in real traffic), a few bots, articles.
 */
final class VisitCounterHits {

    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/%d.0.180 Chrome/118.0.5993.180 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/%d.0.6367.82 Mobile Safari/537.36 Zalo android/12100630 ZaloTheme/light ZaloLanguage/vn",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.6367.113 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.%d Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:%d.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36 Edg/124.0.2478.80",
        "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/%d.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    };
    private static final String[] BOTS = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    };

    /** Where readers come from, as the Referer header carries it; null is none (typed in, an app). */
    private static final String[] REFERRERS = {
        null, null, null,
        "https://www.google.com/",
        "https://www.google.com.vn/search?q=tin+tuc+moi+nhat&oq=tin",
        "https://coccoc.com/search?query=thoi+su",
        "https://m.facebook.com/story.php?story_fbid=%d&id=100064",
        "https://l.facebook.com/l.php?u=https%%3A%%2F%%2Fbaotinh.gov.vn%%2F&h=AT%d",
        "https://zalo.me/",
        "https://vnexpress.net/thoi-su/bai-viet-%d.html",
        "https://baotinh.gov.vn/tin-tuc/bai-%d",
        "android-app://com.google.android.gm/",
    };

    private VisitCounterHits() {
    }

    /** {@code count} hits from {@code visitors} distinct visitors, popular ones more often. */
    static Hit[] generate(int count, int visitors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] agents = new String[AGENTS.length * 12];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = String.format(AGENTS[i % AGENTS.length], 100 + i / AGENTS.length);
        }
        String[] ips = new String[visitors];
        String[] visitorAgents = new String[visitors];
        for (int v = 0; v < visitors; v++) {
            ips[v] = v % 5 == 0
                    ? String.format("2402:800:%x:%x::%x", random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000))
                    : (random.nextInt(3) == 0 ? "113." : "171.") + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            visitorAgents[v] = agents[random.nextInt(agents.length)];
        }
        Hit[] hits = new Hit[count];
        for (int i = 0; i < count; i++) {
            if (random.nextInt(50) == 0) {
                hits[i] = Hit.of("66.249.66." + random.nextInt(256), BOTS[random.nextInt(BOTS.length)], "/");
                continue;
            }
            // Skewed: half the hits come from the first 10% of visitors.
            int v = random.nextBoolean() ? random.nextInt(Math.max(1, visitors / 10)) : random.nextInt(visitors);
            String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
            Hit hit = Hit.of(ips[v], visitorAgents[v], "/tin-tuc/bai-" + i % 1000)
                    .withReferrer(referrer == null ? null : String.format(referrer, random.nextInt(1_000_000)));
            hits[i] = random.nextInt(3) == 0 ? hit : hit.withArticle(1 + random.nextInt(2_000));
        }
        return hits;
    }
}
