package io.bantin.article;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Thrown when an article breaks one or more rules. {@link #errors()} names every broken field at
 * once, mapped to the rule it broke in English, e.g. {@code "title" -> "required, at most 300
 * characters"}; nested fields use dots ({@code "author.name"}).
 */
public class ArticleValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Unmodifiable, in the order the fields were checked; a LinkedHashMap wrapper stays serializable. */
    private final Map<String, String> errors;

    /**
     * Creates the exception.
     *
     * @param errors field -> rule, at least one entry; copied
     * @throws IllegalArgumentException if {@code errors} is empty
     */
    public ArticleValidationException(Map<String, String> errors) {
        super(message(errors));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    private static String message(Map<String, String> errors) {
        if (errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("errors: at least one broken field expected");
        }
        return "invalid article: " + errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /**
     * Every broken field and the rule it broke.
     *
     * @return field -> rule in English, unmodifiable, never empty
     */
    public Map<String, String> errors() {
        return errors;
    }
}
