package io.updraft.logforwarder.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The glob patterns ({@code *} matches any run of characters) naming the streams a destination forwards. */
final class StreamFilter {
    private static final Pattern GLOB = Pattern.compile("[a-z0-9._*-]{1,64}");

    private final List<String> globs;
    private final List<Pattern> patterns;

    private StreamFilter(List<String> globs, List<Pattern> patterns) {
        this.globs = globs;
        this.patterns = patterns;
    }

    static StreamFilter of(String[] values, String what) {
        List<String> globs = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    String glob = part.strip();
                    if (glob.isEmpty()) {
                        continue;
                    }
                    if (!GLOB.matcher(glob).matches()) {
                        throw new IllegalArgumentException(what + " item '" + glob + "' is not a stream name pattern "
                                + "(a-z, 0-9, '.', '_', '-' and '*')");
                    }
                    globs.add(glob);
                    patterns.add(Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q")));
                }
            }
        }
        if (globs.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one stream pattern");
        }
        return new StreamFilter(List.copyOf(globs), List.copyOf(patterns));
    }

    boolean matches(String stream) {
        for (Pattern p : patterns) {
            if (p.matcher(stream).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", globs);
    }
}
