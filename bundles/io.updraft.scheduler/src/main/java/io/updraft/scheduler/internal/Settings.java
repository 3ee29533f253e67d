package io.updraft.scheduler.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.updraft.scheduler.When;

/**
 * The scheduler's configuration, validated: every bad value is refused naming the attribute and the value.
 *
 * @param home the Updraft home
 * @param defaults the policy where no override applies
 * @param rules the per-product and per-component overrides
 * @param zone the time zone of maintenance windows
 * @param recheckDelay delay before trying again after a failed check or a temporary failure
 * @param reserveBytes free space that must remain
 * @param stagingFactor staging space as a multiple of the artifact size
 * @param snapshotFactor snapshot space as a multiple of the artifact size
 * @param minBattery lowest battery charge in percent, 0-100
 * @param requireStableNetwork whether installs wait for a stable network
 */
record Settings(Path home, Policy defaults, PolicyRules rules, ZoneId zone, Duration recheckDelay, long reserveBytes,
        double stagingFactor, double snapshotFactor, int minBattery, boolean requireStableNetwork) {
    static final String PID = "io.updraft.scheduler";
    static final List<String> OVERRIDABLE = List.of("download", "install", "window", "confirmationTimeout",
            "confirmationDefault");
    static final Policy DEFAULT_POLICY = new Policy(When.NOW, When.WINDOW, new Window(java.time.LocalTime.of(3, 0),
            java.time.LocalTime.of(4, 0)), Duration.ofHours(24), true);
    static final Duration MIN_RECHECK = Duration.ofSeconds(10);
    static final double MAX_FACTOR = 100;

    Settings {
        if (recheckDelay.compareTo(MIN_RECHECK) < 0) {
            throw new IllegalArgumentException("recheckDelay " + recheckDelay + " is shorter than " + MIN_RECHECK);
        }
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("reserveBytes " + reserveBytes + " is negative");
        }
        factor("stagingFactor", stagingFactor);
        factor("snapshotFactor", snapshotFactor);
        if (minBattery < 0 || minBattery > 100) {
            throw new IllegalArgumentException("minBattery " + minBattery + " is outside 0-100");
        }
    }

    static Settings of(SchedulerConfig c) {
        Policy defaults = new Policy(Policy.when("download", c.download()), Policy.when("install", c.install()),
                Window.parse("window", c.window()), positive("confirmationTimeout", c.confirmationTimeout()),
                Policy.installOnTimeout("confirmationDefault", c.confirmationDefault()));
        return new Settings(home(c.home()), defaults, PolicyRules.parse(c.productPolicies(), c.componentPolicies()),
                zone(c.timeZone()), positive("recheckDelay", c.recheckDelay()), c.reserveBytes(), c.stagingFactor(),
                c.snapshotFactor(), c.minBattery(), c.requireStableNetwork());
    }

    /** The policy of a component's release on a device of the given product. */
    Policy policy(String product, String component) {
        return rules.resolve(defaults, product, component);
    }

    static Duration positive(String attribute, String text) {
        try {
            Duration d = Duration.parse(text == null ? "" : text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(attribute + " '" + text + "' must be longer than zero");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(attribute + " '" + text
                    + "' is not an ISO-8601 duration such as PT24H or PT15M", e);
        }
    }

    private static void factor(String attribute, double value) {
        // Written so that NaN fails too.
        if (!(value >= 0 && value <= MAX_FACTOR)) {
            throw new IllegalArgumentException(attribute + " " + value + " is outside 0-" + MAX_FACTOR);
        }
    }

    private static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone '" + text + "' is not a time zone such as Europe/Berlin or UTC", e);
        }
    }

    private static Path home(String text) {
        try {
            Path p = Path.of(text == null ? "" : text.strip());
            if (text == null || text.isBlank() || !p.isAbsolute()) {
                throw new IllegalArgumentException("home '" + text + "' must be an absolute directory");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("home '" + text + "' is not a valid path", e);
        }
    }
}
