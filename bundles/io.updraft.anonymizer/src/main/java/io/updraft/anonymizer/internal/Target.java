package io.updraft.anonymizer.internal;

import java.util.List;
import java.util.Map;

/**
 * A field of some events: {@code [SCOPE:]dotted.path}, where a {@code *} segment matches any one key. Lists on
 * the way are looked through, so a path reaches the fields of every element.
 */
record Target(Scope scope, List<String> path) {
    static final String ANY_KEY = "*";

    /** @throws IllegalArgumentException naming the text, when scope or path is malformed */
    static Target parse(String text) {
        int colon = text.indexOf(':');
        Scope scope;
        String path;
        try {
            scope = colon < 0 ? Scope.ANY : Scope.parse(text.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + text + "': " + e.getMessage(), e);
        }
        path = colon < 0 ? text : text.substring(colon + 1);
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")
                || path.indexOf(':') >= 0) {
            throw new IllegalArgumentException("target '" + text
                    + "' needs a dotted field path after the optional 'SCOPE:', like crash.user or *:mac");
        }
        return new Target(scope, List.of(path.split("\\.")));
    }

    /** How many path segments name a key rather than '*'; more literal paths win over wildcard ones. */
    int literalSegments() {
        int n = 0;
        for (String s : path) {
            if (!s.equals(ANY_KEY)) {
                n++;
            }
        }
        return n;
    }

    List<String> parent() {
        return path.subList(0, path.size() - 1);
    }

    String leaf() {
        return path.get(path.size() - 1);
    }

    /**
     * The values this target reaches in {@code fields}, in document order; lists are looked through. Used for
     * quasi-identifiers, which are few, so no precompiled plan is needed.
     */
    void collect(Object value, int depth, List<Object> out) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                collect(element, depth, out);
            }
            return;
        }
        if (depth == path.size()) {
            out.add(value);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            String segment = path.get(depth);
            if (segment.equals(ANY_KEY)) {
                for (Object child : map.values()) {
                    collect(child, depth + 1, out);
                }
            } else {
                Object child = map.get(segment);
                if (child != null) {
                    collect(child, depth + 1, out);
                }
            }
        }
    }

    @Override
    public String toString() {
        return scope + ":" + String.join(".", path);
    }
}
