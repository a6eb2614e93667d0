package io.bantin.server.http;

import java.util.Map;

/**
 * The JSON body of every error answer.
 *
 * @param error short English description
 * @param details field name to rule broken, or other context; empty when there is none
 */
public record ErrorBody(String error, Map<String, String> details) {
    /** Copies the details. */
    public ErrorBody {
        details = Map.copyOf(details);
    }
}
