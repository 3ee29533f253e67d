package io.updraft.install;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A service a component runs. Exactly one of {@code unit} (a systemd unit, used when the device runs systemd) and
 * {@code command} (run by the runtime's own supervisor) is set.
 *
 * @param name service name, unique within its component ({@code [a-z0-9][a-z0-9._-]*})
 * @param unit systemd unit name, e.g. {@code robot-planner.service}; null when {@code command} is used
 * @param command program and arguments for the built-in supervisor; a relative program path is resolved against
 *        the component's active slot, the working directory is the active slot; empty when {@code unit} is used
 * @param environment extra environment variables for {@code command}
 * @param after names of services of the same component that must run before this one starts (and stop after it)
 * @param stopTimeout how long a stop may take before the process is killed (SIGTERM, then SIGKILL)
 */
public record ServiceSpec(String name, String unit, List<String> command, Map<String, String> environment,
        List<String> after, Duration stopTimeout) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ServiceSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("service name '" + name + "' must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
        }
        command = command == null ? List.of() : List.copyOf(command);
        if ((unit == null || unit.isBlank()) == command.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " needs either a systemd unit or a command, not both");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        after = after == null ? List.of() : List.copyOf(after);
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("service " + name + ": stop timeout must be positive, not " + stopTimeout);
        }
    }
}
