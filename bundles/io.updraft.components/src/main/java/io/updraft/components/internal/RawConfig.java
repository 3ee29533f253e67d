package io.updraft.components.internal;

import java.lang.reflect.Array;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.updraft.config.Units;

/**
 * The properties of one configuration as ConfigAdmin hands them over (strings from {@code .cfg} files, arrays or
 * numbers from other sources), with conversions whose errors name the key and the value. Keys the framework adds
 * are left out.
 */
final class RawConfig {
    /** Added by ConfigAdmin, Felix FileInstall, SCR and Karaf, not by the user. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "component.name", "component.id", "org.apache.karaf.features.configKey");

    private final Map<String, Object> values = new TreeMap<>();

    RawConfig(Map<String, ?> properties) {
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            // SCR 1.5 adds osgi.ds.satisfying.condition.target to every component's properties.
            if (!FRAMEWORK_KEYS.contains(e.getKey()) && !e.getKey().startsWith("felix.fileinstall.")
                    && !e.getKey().startsWith("osgi.ds.") && !e.getKey().startsWith(".")) {
                values.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The user's keys, sorted. */
    Set<String> keys() {
        return values.keySet();
    }

    boolean has(String key) {
        String v = string(key, null);
        return v != null && !v.isEmpty();
    }

    /** The value as one string, stripped; {@code fallback} when missing or blank. */
    String string(String key, String fallback) {
        Object o = values.get(key);
        if (o == null) {
            return fallback;
        }
        List<String> items = items(o);
        if (items.size() > 1) {
            throw new IllegalArgumentException(key + " " + items + " must be a single value, not a list");
        }
        String v = items.isEmpty() ? "" : items.get(0).strip();
        return v.isEmpty() ? fallback : v;
    }

    String required(String key) {
        String v = string(key, null);
        if (v == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        return v;
    }

    /** Comma-separated items (or an array of them), blanks dropped. */
    List<String> list(String key) {
        Object o = values.get(key);
        return o == null ? List.of() : Units.list(items(o).toArray(new String[0]));
    }

    /** A command line split on whitespace; no shell, no quoting. Empty when missing. */
    List<String> words(String key) {
        String v = string(key, "");
        return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
    }

    Duration duration(String key, String fallback) {
        return Units.duration(string(key, fallback), key);
    }

    /** A whole number of at least {@code min}. */
    int integer(String key, int fallback, int min) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " '" + v + "' must be at least " + min);
        }
        return n;
    }

    /** An absolute, normalised path; null when missing. */
    Path path(String key) {
        String v = string(key, null);
        return v == null ? null : absolute(key, v);
    }

    List<Path> paths(String key) {
        List<Path> out = new ArrayList<>();
        for (String item : list(key)) {
            out.add(absolute(key, item));
        }
        return out;
    }

    static Path absolute(String key, String value) {
        Path p;
        try {
            p = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a path: " + e.getReason());
        }
        if (!p.isAbsolute() || !p.normalize().equals(p)) {
            throw new IllegalArgumentException(key + " '" + value + "' must be an absolute path without '.' or '..' parts");
        }
        return p;
    }

    private static List<String> items(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else if (o.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(o); i++) {
                out.add(String.valueOf(Array.get(o, i)));
            }
        } else {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
