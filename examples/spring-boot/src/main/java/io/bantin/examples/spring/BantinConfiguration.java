package io.bantin.examples.spring;

import io.bantin.article.ArticleRepository;
import io.bantin.render.ArticleHtml;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.RenderOptions;
import io.bantin.servlet.BantinFilter;
import io.bantin.store.Database;
import io.bantin.store.SqlArticleRepository;
import io.bantin.store.SqlVisitStore;
import io.bantin.visit.VisitCounter;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * bantin wired into the portal: one {@link Database} over the application's own {@link DataSource}
 * (Boot's HikariCP pool), the visit counter and the article repository on it, the renderer, and the
 * servlet filter that counts the pages.
 *
 * <p>bantin creates its own tables (prefixed {@code bantin_}, history in {@code bantin_schema_history})
 * when {@link Database#of(DataSource)} opens, from scripts outside the {@code classpath:db/migration}
 * that Boot's Flyway scans; this portal has no migrations of its own, so Boot's Flyway is turned off
 * in {@code application.properties}.
 */
@Configuration(proxyBeanMethods = false)
public class BantinConfiguration {

    /** The wall clock; tests put a fake one in its place to walk the counter through midnight. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * bantin's view of the portal's database, migrated on creation. Closing it leaves the pool open:
     * the pool is Boot's.
     */
    @Bean
    public Database bantinDatabase(DataSource dataSource) {
        return Database.of(dataSource);
    }

    /**
     * The visit counter: counts in memory, writes to PostgreSQL every second and when the application
     * stops (Spring calls {@code close()}, which flushes).
     */
    @Bean
    public VisitCounter visitCounter(Database bantinDatabase, Clock clock, PortalProperties portal) {
        return VisitCounter.builder()
                .store(new SqlVisitStore(bantinDatabase))
                .clock(clock)
                .zone(portal.zone())
                .build();
    }

    /** The articles, stored in the same database, their bodies cleaned with bantin-render's policy on save. */
    @Bean
    public ArticleRepository articleRepository(Database bantinDatabase, Clock clock) {
        return new SqlArticleRepository(bantinDatabase, clock, ArticleHtml.policy());
    }

    /** Renders the article fragment, the head tags and the "Thống kê truy cập" box. Thread-safe. */
    @Bean
    public ArticleRenderer articleRenderer(PortalProperties portal) {
        return new ArticleRenderer(RenderOptions.builder()
                .siteName(portal.siteName())
                .baseUrl(portal.baseUrl())
                .zone(portal.zone())
                .build());
    }

    /**
     * bantin's filter: counts every HTML page the portal serves (a GET answered 2xx with
     * {@code text/html}; bots, static files and prefetches aside) and serves
     * {@code /bantin/api/stats}, {@code POST /bantin/api/hits} and {@code /bantin/widget.js}.
     * {@code portal.count-pages=false} leaves it out.
     */
    // [readme spring-filter]
    @Bean
    public FilterRegistrationBean<BantinFilter> bantinFilter(VisitCounter counter, Clock clock, PortalProperties portal) {
        FilterRegistrationBean<BantinFilter> filter = new FilterRegistrationBean<>(
                BantinFilter.builder(counter).clock(clock).build());   // routes under /bantin by default
        filter.setEnabled(portal.countPages());
        return filter;
    }
    // [/readme]
}
