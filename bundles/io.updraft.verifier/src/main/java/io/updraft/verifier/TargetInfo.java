package io.updraft.verifier;

import java.util.Map;
import java.util.Objects;

/**
 * A target file as trusted targets metadata describes it.
 *
 * @param path the target path, e.g. {@code robot/app-1.2.0.updraft}
 * @param length its exact length in bytes
 * @param hashes algorithm ({@code sha256}, {@code sha512}) to lower-case hex; never empty
 * @param custom the {@code custom} object of the target entry as plain Java values (maps, lists, strings,
 *        numbers, booleans); empty if absent
 * @param role the role that listed it: {@code targets} or a delegated role's name
 */
public record TargetInfo(String path, long length, Map<String, String> hashes, Map<String, Object> custom,
        String role) {
    public TargetInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(role, "role");
        if (length < 0) {
            throw new IllegalArgumentException("target " + path + " has a negative length " + length);
        }
        if (hashes == null || hashes.isEmpty()) {
            throw new IllegalArgumentException("target " + path + " lists no hashes");
        }
        hashes = Map.copyOf(hashes);
        custom = custom == null ? Map.of() : frozenMap(custom);
    }

    // Targets are shared between callers and refreshes: nothing reachable from one may be changed.
    private static Map<String, Object> frozenMap(Map<?, ?> map) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map) {
            return frozenMap((Map<?, ?>) value);
        }
        if (value instanceof java.util.List) {
            java.util.List<Object> copy = new java.util.ArrayList<>();
            ((java.util.List<?>) value).forEach(v -> copy.add(frozen(v)));
            return java.util.Collections.unmodifiableList(copy);
        }
        return value;
    }
}
