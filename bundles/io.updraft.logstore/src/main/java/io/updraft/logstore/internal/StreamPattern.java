package io.updraft.logstore.internal;

import java.util.regex.Pattern;

/**
 * Which streams a rule is for: a stream's name ({@code log}), a prefix ending in {@code .*} ({@code telemetry.*}
 * for every stream whose name starts with {@code telemetry.}), or {@code *} for every stream. Where several match,
 * the most specific wins: a name before the longest prefix before {@code *}.
 */
record StreamPattern(String text) {
    static final Pattern STREAM = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9._-]{0,62}\\.\\*");

    /** @throws IllegalArgumentException naming the setting and the bad pattern */
    static StreamPattern parse(String text, String setting) {
        String t = text.strip();
        if (!"*".equals(t) && !STREAM.matcher(t).matches() && !PREFIX.matcher(t).matches()) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not a stream name, a prefix such as "
                    + "telemetry.* or *");
        }
        return new StreamPattern(t);
    }

    /** How specifically the pattern matches {@code stream}; negative if it does not match. */
    int specificity(String stream) {
        if ("*".equals(text)) {
            return 0;
        }
        if (text.endsWith(".*")) {
            String prefix = text.substring(0, text.length() - 1);
            return stream.startsWith(prefix) ? prefix.length() : -1;
        }
        return text.equals(stream) ? Integer.MAX_VALUE : -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
