package io.updraft.services.internal;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks systemd unit names before they reach a {@code systemctl} command line: a name starting with '-' would be
 * read as an option, and a pattern such as {@code *} would act on many units.
 */
final class UnitNames {
    /** systemd's own limit (UNIT_NAME_MAX). */
    static final int MAX_LENGTH = 255;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9:_.@-]+");
    private static final Set<String> SUFFIXES = Set.of("service", "socket", "target", "timer", "path", "mount",
            "automount", "swap", "slice", "scope", "device");

    private UnitNames() {
    }

    /** Returns {@code unit} if it is a plain unit name such as {@code robot-planner.service}. */
    static String require(String service, String unit) {
        if (unit == null || unit.isEmpty() || unit.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("service " + service + ": systemd unit '" + unit
                    + "' must be 1-" + MAX_LENGTH + " characters");
        }
        if (unit.startsWith("-")) {
            throw new IllegalArgumentException("service " + service + ": systemd unit '" + unit
                    + "' must not start with '-'");
        }
        if (!NAME.matcher(unit).matches()) {
            throw new IllegalArgumentException("service " + service + ": systemd unit '" + unit
                    + "' may only hold A-Z, a-z, 0-9 and ':', '_', '.', '@', '-'");
        }
        int dot = unit.lastIndexOf('.');
        if (dot <= 0 || !SUFFIXES.contains(unit.substring(dot + 1))) {
            throw new IllegalArgumentException("service " + service + ": systemd unit '" + unit
                    + "' must end in a unit type such as .service, .socket or .target");
        }
        return unit;
    }
}
