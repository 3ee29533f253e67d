package io.updraft.install;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A health check run after a component's switch, during the trial. The check passes once it has succeeded
 * {@code successThreshold} times in a row; it fails once it has failed {@code failureThreshold} times in a row, or
 * when the component's trial deadline passes first.
 *
 * @param name unique within its component
 * @param type {@code process} (target: a service name of the component, alive and not restarted during the trial),
 *        {@code http} (target: an http(s) URL answering with a status in {@code params.expectStatus}, default
 *        {@code 200-399}), {@code command} (target: a shell command line run in the active slot, healthy on exit
 *        code 0, or {@code params.expectExit}), or the type of a {@link HealthCheck} a plugin provides
 * @param target what to check, as the type says
 * @param params type-specific settings
 * @param interval pause between two runs
 * @param timeout how long one run may take; a run that takes longer counts as a failure
 * @param successThreshold consecutive successes needed, at least 1
 * @param failureThreshold consecutive failures that fail the trial at once, at least 1
 */
public record HealthCheckSpec(String name, String type, String target, Map<String, String> params, Duration interval,
        Duration timeout, int successThreshold, int failureThreshold) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public HealthCheckSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("health check name '" + name + "' must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
        }
        if (type == null || !NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("health check " + name + ": type '" + type + "' is not a valid name");
        }
        Objects.requireNonNull(target, "target");
        params = params == null ? Map.of() : Map.copyOf(params);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check " + name + ": interval must not be negative and timeout must be positive");
        }
        if (successThreshold < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("health check " + name + ": thresholds must be at least 1, not "
                    + successThreshold + "/" + failureThreshold);
        }
    }
}
