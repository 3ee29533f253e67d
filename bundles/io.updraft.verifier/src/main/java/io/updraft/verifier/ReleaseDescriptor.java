package io.updraft.verifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.update.Names;
import io.updraft.update.Release;
import io.updraft.update.Version;

/**
 * What a release says about itself, in a target's {@code custom} object and in a package manifest alike:
 * {@code component}, {@code version} (SemVer 2.0), {@code products}, {@code hardware}, {@code requires} and
 * {@code conflicts} (component name to version range text, e.g. {@code ">=1.2.0 <2.0.0"}), {@code kind}
 * ({@code full} or {@code delta}), {@code deltaBase} and {@code install} (how the installer applies it).
 */
public record ReleaseDescriptor(String component, Version version, Set<String> products, Set<String> hardware,
        Map<String, String> requires, Map<String, String> conflicts, Release.Kind kind, Version deltaBase,
        String install) {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ReleaseDescriptor {
        Names.requireComponentName(component);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        products = Set.copyOf(products == null ? Set.of() : products);
        hardware = Set.copyOf(hardware == null ? Set.of() : hardware);
        requires = Map.copyOf(requires == null ? Map.of() : requires);
        conflicts = Map.copyOf(conflicts == null ? Map.of() : conflicts);
        for (String name : requires.keySet()) {
            Names.requireComponentName(name);
        }
        for (String name : conflicts.keySet()) {
            Names.requireComponentName(name);
        }
        install = install == null ? "archive" : install;
        if (!TOKEN.matcher(install).matches()) {
            throw new IllegalArgumentException("release " + component + " " + version + ": install kind '" + install
                    + "' must be a lower-case name like 'archive' or 'image'");
        }
        new Release(component, version, products, hardware, kind, deltaBase); // same rules as the update model
    }

    /**
     * The one target path this release may be published under: {@code COMPONENT/COMPONENT-VERSION.updraft}, or
     * {@code COMPONENT/COMPONENT-VERSION.delta-BASE.updraft} for a delta. Tying the path to the release lets a
     * delegation's path patterns limit which components a role may publish.
     */
    public String targetPath() {
        String name = component + "/" + component + "-" + version;
        return (deltaBase == null ? name : name + ".delta-" + deltaBase) + PackageFormat.SUFFIX;
    }

    /** The release in the update model's terms. */
    public Release release() {
        return new Release(component, version, products, hardware, kind, deltaBase);
    }

    /**
     * Reads the descriptor fields of a target's {@code custom} or a manifest.
     *
     * @throws VerificationException (MALFORMED) naming the field that is missing or wrong
     */
    public static ReleaseDescriptor fromJson(JsonNode json, String where) throws VerificationException {
        try {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("is not a JSON object");
            }
            String kindText = json.path("kind").asText("full");
            Release.Kind kind;
            if ("full".equals(kindText)) {
                kind = Release.Kind.FULL;
            } else if ("delta".equals(kindText)) {
                kind = Release.Kind.DELTA;
            } else {
                throw new IllegalArgumentException("kind '" + kindText + "' is neither full nor delta");
            }
            JsonNode base = json.get("deltaBase");
            return new ReleaseDescriptor(requiredText(json, "component"), Version.parse(requiredText(json, "version")),
                    strings(json, "products"), strings(json, "hardware"), ranges(json, "requires"),
                    ranges(json, "conflicts"), kind,
                    base == null || base.isNull() ? null : Version.parse(base.asText()),
                    json.hasNonNull("install") ? json.get("install").asText() : null);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(VerificationException.Reason.MALFORMED,
                    where + ": " + e.getMessage(), e);
        }
    }

    /** Writes the descriptor fields into {@code json}. */
    public ObjectNode writeTo(ObjectNode json) {
        json.put("component", component);
        json.put("version", version.toString());
        products.stream().sorted().forEach(json.putArray("products")::add);
        hardware.stream().sorted().forEach(json.putArray("hardware")::add);
        ObjectNode req = json.putObject("requires");
        new TreeSet<>(requires.keySet()).forEach(k -> req.put(k, requires.get(k)));
        ObjectNode con = json.putObject("conflicts");
        new TreeSet<>(conflicts.keySet()).forEach(k -> con.put(k, conflicts.get(k)));
        json.put("kind", kind == Release.Kind.FULL ? "full" : "delta");
        if (deltaBase != null) {
            json.put("deltaBase", deltaBase.toString());
        } else {
            json.putNull("deltaBase");
        }
        json.put("install", install);
        return json;
    }

    private static String requiredText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static Set<String> strings(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || !TOKEN.matcher(item.textValue()).matches()) {
                throw new IllegalArgumentException("field '" + field + "' has a bad entry " + item);
            }
            out.add(item.textValue());
        }
        return Set.copyOf(out);
    }

    private static Map<String, String> ranges(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' must map component names to version ranges");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                throw new IllegalArgumentException("field '" + field + "' entry '" + e.getKey()
                        + "' must be a version range string");
            }
            out.put(e.getKey(), e.getValue().textValue().strip());
        }
        return out;
    }
}
