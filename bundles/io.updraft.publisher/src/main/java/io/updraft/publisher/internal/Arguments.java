package io.updraft.publisher.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command line: {@code --name value}, {@code --name=value}, {@code --flag}, options that take several
 * values up to the next {@code --option}, and positional arguments. Everything is checked against the command's
 * declared options, so a typo fails instead of being ignored.
 */
final class Arguments {
    private final String command;
    private final Map<String, List<String>> values;
    private final List<String> positional;

    private Arguments(String command, Map<String, List<String>> values, List<String> positional) {
        this.command = command;
        this.values = values;
        this.positional = positional;
    }

    /**
     * @throws UsageException naming the unknown option, the option missing its value, or the missing required one
     */
    static Arguments parse(Command spec, List<String> args) throws UsageException {
        Map<String, Option> known = new LinkedHashMap<>();
        for (Option o : spec.options()) {
            known.put(o.name(), o);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option option = known.get(name);
            if (option == null) {
                throw new UsageException("unknown option --" + name + " for '" + spec.name() + "'; see '"
                        + spec.name() + " --help'");
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            switch (option.arity()) {
                case FLAG:
                    if (inline != null) {
                        throw new UsageException("option --" + name + " takes no value, found '" + inline + "'");
                    }
                    list.add("true");
                    break;
                case ONE:
                    if (!list.isEmpty()) {
                        throw new UsageException("option --" + name + " is given more than once");
                    }
                    if (inline == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException("option --" + name + " needs a value " + option.placeholder());
                        }
                        inline = args.get(++i);
                    }
                    list.add(inline);
                    break;
                default:
                    int before = list.size();
                    if (inline != null) {
                        list.add(inline);
                    }
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        list.add(args.get(++i));
                    }
                    if (list.size() == before) {
                        throw new UsageException("option --" + name + " needs at least one value " + option.placeholder());
                    }
            }
            for (String v : list) {
                if (v.isEmpty()) {
                    throw new UsageException("option --" + name + " has an empty value");
                }
            }
        }
        if (spec.positional().isEmpty() && !positional.isEmpty()) {
            throw new UsageException("unexpected argument '" + positional.get(0) + "' for '" + spec.name() + "'");
        }
        for (Option o : spec.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                throw new UsageException("'" + spec.name() + "' needs --" + o.name() + " " + o.placeholder());
            }
        }
        return new Arguments(spec.name(), values, positional);
    }

    String command() {
        return command;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> optional(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** A required option's value; parsing already checked it is there. */
    String value(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("option --" + name + " is not declared required"));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Path path(String name) {
        return Path.of(value(name));
    }

    List<String> positional() {
        return positional;
    }
}
