package io.updraft.components.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.updraft.install.HealthCheckSpec;

/**
 * The {@code check.<name>.*} keys of the health checks a configuration lists: {@code type}, {@code target},
 * {@code interval}, {@code timeout}, {@code successes}, {@code failures}, {@code param.<name>}.
 */
final class CheckParser {
    static final String PREFIX = "check";
    static final List<String> FIELDS = List.of("type", "target", "interval", "timeout", "successes", "failures",
            "param.<name>");

    private static final Map<String, Set<String>> BUILT_IN_PARAMS = Map.of("process", Set.of(), "http",
            Set.of("expectStatus", "expectBody"), "command", Set.of("expectExit"));

    private CheckParser() {
    }

    static boolean isField(String field) {
        return List.of("type", "target", "interval", "timeout", "successes", "failures").contains(field)
                || (field.startsWith("param.") && field.length() > "param.".length());
    }

    static List<HealthCheckSpec> parse(RawConfig c, List<String> names, List<String> services) {
        List<HealthCheckSpec> out = new ArrayList<>();
        for (String name : names) {
            String key = PREFIX + "." + name + ".";
            String type = c.required(key + "type");
            String target = c.string(key + "target", "");
            checkTarget(key + "target", type, target, services);
            Map<String, String> params = new LinkedHashMap<>();
            for (String k : c.keys()) {
                Keys.split(k, PREFIX, names).filter(s -> s.name().equals(name) && s.field().startsWith("param."))
                        .ifPresent(s -> params.put(requireParam(k, type, s.field().substring("param.".length())),
                                c.string(k, "")));
            }
            try {
                out.add(new HealthCheckSpec(name, type, target, params, c.duration(key + "interval", "2s"),
                        c.duration(key + "timeout", "5s"), c.integer(key + "successes", 1, 1),
                        c.integer(key + "failures", 3, 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "*: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The built-in types ignore parameters they do not know, so a misspelt one (say {@code expectBdy}) would silently
     * weaken the check; plugin types decide about their own parameters.
     */
    private static String requireParam(String key, String type, String param) {
        Set<String> known = BUILT_IN_PARAMS.get(type);
        if (known != null && !known.contains(param)) {
            throw new IllegalArgumentException("key '" + key + "' is not a parameter of " + type + " checks; they take "
                    + (known.isEmpty() ? "none" : new TreeSet<>(known)));
        }
        return param;
    }

    /** Built-in types need a target of their kind; a plugin's type decides for itself. */
    private static void checkTarget(String key, String type, String target, List<String> services) {
        switch (type) {
            case "process":
                if (!services.contains(target)) {
                    throw new IllegalArgumentException(key + " '" + target + "' must name one of the services " + services);
                }
                break;
            case "http":
                try {
                    URI uri = new URI(target);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new URISyntaxException(target, "not an http(s) URL with a host");
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException(key + " '" + target + "' is not an http:// or https:// URL");
                }
                break;
            case "command":
                if (target.isEmpty()) {
                    throw new IllegalArgumentException(key + " is required for a command check: the command line to run");
                }
                break;
            default:
                break;
        }
    }
}
