package io.bantin.examples.spring;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleRepository;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.ReaderAssets;
import io.bantin.servlet.BantinFilter;
import io.bantin.visit.VisitCounter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The portal's pages: the home page with the latest articles, an article page and an "about" page, all with the
 * "Thống kê truy cập" box; and bantin's reader assets (font size, contrast, print). Counting is not
 * done here: bantin's filter counts every HTML page these return.
 */
@Controller
public class ArticleController {

    private final ArticleRepository articles;
    private final VisitCounter counter;
    private final ArticleRenderer renderer;
    private final Clock clock;

    /** Takes the beans of {@link BantinConfiguration}. */
    public ArticleController(ArticleRepository articles, VisitCounter counter, ArticleRenderer renderer, Clock clock) {
        this.articles = articles;
        this.counter = counter;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** The home page: the latest published articles and the stats box. */
    @GetMapping("/")
    public String home(Model model) {
        model.addAttribute("articles", articles.publishedTeasers(ArticleQuery.of(1, 10)).items());
        model.addAttribute("statsBox", renderer.statsBox(counter.stats()));
        return "index";
    }

    /** A page without a database query: some text and the stats box. */
    @GetMapping("/gioi-thieu")
    public String about(Model model) {
        model.addAttribute("statsBox", renderer.statsBox(counter.stats()));
        return "about";
    }

    /**
     * A public article rendered by bantin (the fragment's "Lượt xem" is the article's views before
     * this request, which the filter counts, for the article too, once the page is served); 404 for
     * any other slug.
     */
    @GetMapping("/articles/{slug}")
    public String article(@PathVariable String slug, Model model, HttpServletRequest request) {
        Article article = articles.findBySlug(slug)
                .filter(a -> a.isVisibleAt(clock.instant()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // [readme spring-article]
        request.setAttribute(BantinFilter.ARTICLE_ID, article.id());   // the view counts for the article too
        // [/readme]
        model.addAttribute("head", renderer.headTags(article) + renderer.headAssets());
        model.addAttribute("article", renderer.articleFragment(article, counter.views(article.id())));
        model.addAttribute("statsBox", renderer.statsBox(counter.stats()));
        return "article";
    }

    /** The reader tools' script and style, where {@code headAssets()} links them (the default asset path). */
    @GetMapping("/assets/bantin/{file}")
    public ResponseEntity<byte[]> readerAsset(@PathVariable String file) {
        byte[] bytes = ReaderAssets.all().get(file);
        if (bytes == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ReaderAssets.contentType(file))).body(bytes);
    }
}
