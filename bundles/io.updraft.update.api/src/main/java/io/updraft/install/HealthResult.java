package io.updraft.install;

import java.util.Objects;

/**
 * The result of one health check run.
 *
 * @param healthy whether the run passed
 * @param detail what was seen, e.g. {@code HTTP 503 from http://127.0.0.1:8080/health}; never null
 */
public record HealthResult(boolean healthy, String detail) {
    public HealthResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthResult healthy(String detail) {
        return new HealthResult(true, detail);
    }

    public static HealthResult unhealthy(String detail) {
        return new HealthResult(false, detail);
    }
}
