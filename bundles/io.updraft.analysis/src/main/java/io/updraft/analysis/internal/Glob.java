package io.updraft.analysis.internal;

import java.util.regex.Pattern;

/** A metric name pattern: {@code *} matches any run of characters, {@code ?} one character. */
record Glob(String text, Pattern pattern) {

    static Glob of(String attribute, String text) {
        if (text == null || text.isBlank() || !text.equals(text.strip())) {
            throw new IllegalArgumentException(attribute + " pattern '" + text + "' must be a metric name or glob");
        }
        StringBuilder re = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '*') {
                re.append(".*");
            } else if (ch == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return new Glob(text, Pattern.compile(re.toString()));
    }

    boolean matches(String metric) {
        return pattern.matcher(metric).matches();
    }
}
