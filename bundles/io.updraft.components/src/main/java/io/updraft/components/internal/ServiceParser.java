package io.updraft.components.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.updraft.install.ServiceSpec;

/**
 * The {@code service.<name>.*} keys of the services a configuration lists:
 * {@code command} or {@code unit}, {@code after}, {@code stopTimeout}, {@code env.<VARIABLE>}.
 */
final class ServiceParser {
    static final String PREFIX = "service";
    static final List<String> FIELDS = List.of("command", "unit", "after", "stopTimeout", "env.<VARIABLE>");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ServiceParser() {
    }

    /** Whether {@code field} (what follows {@code service.<name>.}) is a service key. */
    static boolean isField(String field) {
        return field.equals("command") || field.equals("unit") || field.equals("after") || field.equals("stopTimeout")
                || (field.startsWith("env.") && field.length() > "env.".length());
    }

    static List<ServiceSpec> parse(RawConfig c, List<String> names) {
        List<ServiceSpec> out = new ArrayList<>();
        for (String name : names) {
            String key = PREFIX + "." + name + ".";
            List<String> command = c.words(key + "command");
            String unit = c.string(key + "unit", null);
            if (command.isEmpty() == (unit == null)) {
                throw new IllegalArgumentException("service " + name + " needs exactly one of " + key + "command and "
                        + key + "unit");
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (String k : c.keys()) {
                Keys.split(k, PREFIX, names).filter(s -> s.name().equals(name) && s.field().startsWith("env."))
                        .ifPresent(s -> {
                            String variable = s.field().substring("env.".length());
                            if (!ENV_NAME.matcher(variable).matches()) {
                                throw new IllegalArgumentException(k + ": '" + variable
                                        + "' is not an environment variable name (letters, digits, '_')");
                            }
                            env.put(variable, c.string(k, ""));
                        });
            }
            List<String> after = c.list(key + "after");
            for (String before : after) {
                if (!names.contains(before)) {
                    throw new IllegalArgumentException(key + "after '" + before
                            + "' names a service that services does not list " + names);
                }
            }
            try {
                out.add(new ServiceSpec(name, unit, command, env, after, c.duration(key + "stopTimeout", "10s")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "*: " + e.getMessage(), e);
            }
        }
        requireNoCycle(out);
        return out;
    }

    /** Services waiting for each other in a circle could never start. */
    private static void requireNoCycle(List<ServiceSpec> services) {
        Map<String, List<String>> after = new HashMap<>();
        services.forEach(s -> after.put(s.name(), s.after()));
        Map<String, Integer> state = new HashMap<>();
        for (ServiceSpec s : services) {
            visit(s.name(), after, state, new ArrayList<>());
        }
    }

    private static void visit(String name, Map<String, List<String>> after, Map<String, Integer> state, List<String> path) {
        Integer st = state.get(name);
        if (st != null && st == 2) {
            return;
        }
        path.add(name);
        if (st != null && st == 1) {
            throw new IllegalArgumentException("service.<name>.after keys form a cycle: " + String.join(" after ", path));
        }
        state.put(name, 1);
        for (String before : after.get(name)) {
            visit(before, after, state, path);
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
    }
}
