package io.updraft.anonymizer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.updraft.config.Units;

/** {@link AnonymizerConfig} checked once; every fault names the property and the value. */
record Settings(Path home, Duration keyPeriod, RuleSet rules, Set<Detector> detectors, boolean scanUnlistedText,
        boolean truncateTextIps, boolean textPseudonyms, int ipv4PrefixLength, int ipv6PrefixLength, int k,
        List<Target> quasiIdentifiers) {

    static final Duration MIN_PERIOD = Duration.ofHours(1);
    static final Duration MAX_PERIOD = Duration.ofDays(366);
    static final int MAX_K = 10_000;
    private static final String PID = AnonymizerComponent.PID;

    static Settings of(AnonymizerConfig c) {
        return new Settings(home(c.home()), period(c.keyPeriod()), RuleParser.parse(c.rules()),
                detectors(c.detectors()), c.scanUnlistedText(), truncate(c.textIpMode()), c.textPseudonyms(),
                range("ipv4PrefixLength", c.ipv4PrefixLength(), 0, 24),
                range("ipv6PrefixLength", c.ipv6PrefixLength(), 0, 48), range("k", c.k(), 2, MAX_K),
                quasiIdentifiers(c.quasiIdentifiers()));
    }

    private static Path home(String value) {
        return Units.absolutePath(value, PID + " home");
    }

    private static Duration period(String value) {
        Duration d;
        try {
            d = Duration.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(PID + " keyPeriod '" + value
                    + "' is not an ISO-8601 duration like P7D or PT12H", e);
        }
        if (d.compareTo(MIN_PERIOD) < 0 || d.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(PID + " keyPeriod '" + value + "' must be between " + MIN_PERIOD
                    + " and " + MAX_PERIOD.toDays() + " days");
        }
        return d;
    }

    private static Set<Detector> detectors(String[] values) {
        List<String> names = list(values);
        if (names.isEmpty()) {
            // An empty line in a .cfg must not switch off all detection unnoticed.
            throw new IllegalArgumentException(PID + " detectors '" + String.join(",", values == null
                    ? new String[0] : values) + "' is empty; name at least one of "
                    + Arrays.stream(Detector.values()).map(Detector::id).collect(Collectors.joining(", ")));
        }
        Set<Detector> out = EnumSet.noneOf(Detector.class);
        for (String name : names) {
            try {
                out.add(Detector.parse(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PID + " detectors: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static boolean truncate(String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        if (m.equals("truncate")) {
            return true;
        }
        if (m.equals("redact")) {
            return false;
        }
        throw new IllegalArgumentException(PID + " textIpMode '" + mode + "' is unknown; valid: truncate, redact");
    }

    private static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + " " + name + " " + value + " is out of range " + min + "-" + max);
        }
        return value;
    }

    private static List<Target> quasiIdentifiers(String[] values) {
        List<Target> out = new ArrayList<>();
        for (String text : list(values)) {
            try {
                out.add(Target.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PID + " quasiIdentifiers entry '" + text + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** The entries of a list property, each also split at commas and white space, as a .cfg file has one string. */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            for (String part : (v == null ? "" : v).split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }
}
