package io.updraft.telemetry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Telemetry categories; consent is given per category. {@link #personal()} categories are opt-in by default. */
public enum Category {
    DIAGNOSTICS(false), PERFORMANCE(false), USAGE(true), LOCATION(true), CRASH(false), OTA(false);

    private final boolean personal;
    /** Computed once: the id is written with every stored event. */
    private final String id;

    Category(boolean personal) {
        this.personal = personal;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    /** Whether events of this category may describe a person; such categories are collected only after opt-in. */
    public boolean personal() {
        return personal;
    }

    /** The lower-case name used in files, configuration, the shell and the REST API. */
    public String id() {
        return id;
    }

    /**
     * The category with the given id, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static Category parse(String id) {
        if (id != null) {
            for (Category c : values()) {
                if (c.name().equalsIgnoreCase(id.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("telemetry category '" + id + "' is unknown; valid: "
                + Arrays.stream(values()).map(Category::id).collect(Collectors.joining(", ")));
    }
}
