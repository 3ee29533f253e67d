package io.updraft.update;

import java.util.regex.Pattern;

/** Checks of the identifiers that end up in file names and URLs. */
public final class Names {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern UPDATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Names() {
    }

    /**
     * @throws IllegalArgumentException naming the value unless it is 1-64 characters of a-z, 0-9, '.', '_', '-'
     *         starting with a letter or digit
     */
    public static String requireComponentName(String name) {
        if (name == null || !COMPONENT.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("component name '" + name
                    + "' is invalid: use 1-64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        return name;
    }

    /** @throws IllegalArgumentException naming the value unless it is a safe update identifier */
    public static String requireUpdateId(String id) {
        if (id == null || !UPDATE_ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("update id '" + id
                    + "' is invalid: use 1-128 characters of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        return id;
    }
}
