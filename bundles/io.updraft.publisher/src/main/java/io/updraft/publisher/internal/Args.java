package io.updraft.publisher.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.updraft.tuf.KeyType;

/** Conversions of option values shared by the commands; each failure names the option and the value. */
final class Args {
    static final Option REPO = Option.required("repo", "DIR", "the repository directory (metadata/, targets/)");
    static final Option KEYS = Option.required("keys", "DIR", "the private keys, one directory per role");

    private Args() {
    }

    static int integer(Arguments args, String option, int min, int max, int fallback) throws UsageException {
        if (!args.has(option)) {
            return fallback;
        }
        return integer(option, args.value(option), min, max);
    }

    static int integer(String option, String text, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException("--" + option + " '" + text + "' must be a whole number from " + min + " to " + max);
    }

    static Duration duration(String option, String text) throws UsageException {
        return convert(option, text, Times::parseDuration);
    }

    static KeyType keyType(Arguments args, String option) throws UsageException {
        return convert(option, args.optional(option).orElse("ed25519"), KeyType::parse);
    }

    static boolean bool(Arguments args, String option, boolean fallback) throws UsageException {
        String text = args.optional(option).orElse(String.valueOf(fallback));
        if (!text.equals("true") && !text.equals("false")) {
            throw new UsageException("--" + option + " '" + text + "' must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /** Applies a parser whose {@link IllegalArgumentException} becomes a usage error naming the option. */
    static <T> T convert(String option, String text, Function<String, T> parser) throws UsageException {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + option + ": " + e.getMessage(), e);
        }
    }

    /** {@code key=value} pairs such as {@code root=2} or {@code app=>=1.2.0 <2.0.0}, split at the first '='. */
    static Map<String, String> pairs(Arguments args, String option) throws UsageException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : args.all(option)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new UsageException("--" + option + " '" + item + "' must look like NAME=VALUE");
            }
            if (out.put(item.substring(0, eq), item.substring(eq + 1).strip()) != null) {
                throw new UsageException("--" + option + " names '" + item.substring(0, eq) + "' twice");
            }
        }
        return out;
    }

    /** A role name among {@code allowed}, or when {@code allowed} is empty any delegated-role name. */
    static String role(String option, String role, List<String> allowed) throws UsageException {
        if (!allowed.isEmpty() && !allowed.contains(role)) {
            throw new UsageException("--" + option + " role '" + role + "' is not one of " + allowed);
        }
        if (!role.matches("[a-z0-9-]{1,64}")) {
            throw new UsageException("--" + option + " role '" + role + "' must be 1-64 characters of a-z, 0-9 and '-'");
        }
        return role;
    }

    static Path existingDirectory(Arguments args, String option) throws UsageException {
        Path p = args.path(option);
        if (!Files.isDirectory(p)) {
            throw new UsageException("--" + option + " " + p + " is not a directory");
        }
        return p;
    }

    static Path existingFile(String option, String text) throws UsageException {
        Path p = Path.of(text);
        if (!Files.isRegularFile(p)) {
            throw new UsageException("--" + option + " " + p + " is not a readable file");
        }
        return p;
    }
}
