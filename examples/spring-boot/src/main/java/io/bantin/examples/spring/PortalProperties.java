package io.bantin.examples.spring;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings ({@code portal.*} in {@code application.properties}).
 *
 * @param siteName the portal's name, shown in page titles and metadata
 * @param baseUrl the portal's public address without a trailing "/", for canonical links
 * @param zone the site's time zone: "today" and "yesterday" turn at its midnight
 * @param countPages whether bantin's filter counts the pages; {@code false} leaves it out, e.g. to
 *     measure what it costs (scripts/bench-spring-filter.sh)
 */
@ConfigurationProperties("portal")
public record PortalProperties(
        @DefaultValue("Cổng thông tin điện tử (ví dụ Spring Boot)") String siteName,
        @DefaultValue("http://127.0.0.1:8080") String baseUrl,
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
        @DefaultValue("true") boolean countPages) {
}
