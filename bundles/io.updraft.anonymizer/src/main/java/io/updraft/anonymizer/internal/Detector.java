package io.updraft.anonymizer.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of identifier searched for in free text, by their configuration names. */
enum Detector {
    EMAIL("email"), PHONE("phone"), MAC("mac"), IP("ip"), HOME_PATH("homePath"), SERIAL("serial");

    private final String id;

    Detector(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    static Detector parse(String id) {
        for (Detector d : values()) {
            if (d.id.equalsIgnoreCase(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("detector '" + id + "' is unknown; valid: "
                + Arrays.stream(values()).map(Detector::id).collect(Collectors.joining(", ")));
    }
}
