package io.bantin.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A small Spring Boot portal with bantin embedded: its pages are counted by bantin's servlet filter,
 * the figures and the articles live in the portal's PostgreSQL (through Boot's own {@code DataSource}),
 * and the article page is rendered by bantin-render inside a Thymeleaf template.
 *
 * <p>Run it with {@code SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/portal?user=…&password=…
 * java -jar examples/spring-boot/target/bantin-example-spring-boot-*.jar}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    /**
     * Starts the portal.
     *
     * @param args Spring Boot's command-line arguments, e.g. {@code --server.port=8080}
     */
    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
