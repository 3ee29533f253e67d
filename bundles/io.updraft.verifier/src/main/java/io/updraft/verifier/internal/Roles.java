package io.updraft.verifier.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufKey;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;

/** The four TUF roles' signed parts, read strictly from parsed metadata. */
final class Roles {
    static final String ROOT = "root";
    static final String TIMESTAMP = "timestamp";
    static final String SNAPSHOT = "snapshot";
    static final String TARGETS = "targets";

    /** Keys and threshold a role is signed with. */
    record RoleKeys(List<String> keyIds, int threshold) {
    }

    /** A file entry in timestamp or snapshot {@code meta}; length and hashes may be absent (0 and empty). */
    record MetaFile(long version, long length, Map<String, String> hashes) {
    }

    record Root(long version, Instant expires, boolean consistentSnapshot, Map<String, TufKey> keys,
            Map<String, RoleKeys> roles) {
        RoleKeys role(String name) throws VerificationException {
            RoleKeys role = roles.get(name);
            if (role == null) {
                throw malformed("root version " + version + " defines no '" + name + "' role");
            }
            return role;
        }
    }

    record Timestamp(long version, Instant expires, MetaFile snapshot) {
    }

    record Snapshot(long version, Instant expires, Map<String, MetaFile> meta) {
    }

    /** A delegation from one targets role to another. */
    record Delegation(String name, List<String> keyIds, int threshold, List<String> paths, List<String> hashPrefixes,
            boolean terminating) {
    }

    record Targets(String role, long version, Instant expires, List<TargetInfo> targets, Map<String, TufKey> keys,
            List<Delegation> delegations) {
    }

    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Roles() {
    }

    static SignedMetadata parse(String what, byte[] bytes) throws VerificationException {
        try {
            return SignedMetadata.parse(bytes);
        } catch (IOException e) {
            throw malformed(what + " is not valid metadata: " + e.getMessage());
        }
    }

    static Root root(SignedMetadata metadata) throws VerificationException {
        ObjectNode signed = common(metadata, ROOT);
        Map<String, TufKey> keys = keys(signed.get("keys"), "root");
        Map<String, RoleKeys> roles = new LinkedHashMap<>();
        JsonNode rolesNode = signed.get("roles");
        if (rolesNode == null || !rolesNode.isObject()) {
            throw malformed("root has no 'roles' object");
        }
        for (String name : List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS)) {
            JsonNode role = rolesNode.get(name);
            if (role == null) {
                throw malformed("root has no '" + name + "' role");
            }
            roles.put(name, roleKeys(role, "root role " + name, keys));
        }
        JsonNode consistent = signed.get("consistent_snapshot");
        if (consistent != null && !consistent.isBoolean()) {
            throw malformed("root consistent_snapshot must be true or false");
        }
        return new Root(version(signed, ROOT), expires(signed, ROOT), consistent != null && consistent.booleanValue(),
                keys, roles);
    }

    static Timestamp timestamp(SignedMetadata metadata) throws VerificationException {
        ObjectNode signed = common(metadata, TIMESTAMP);
        JsonNode snapshot = signed.path("meta").get("snapshot.json");
        if (snapshot == null) {
            throw malformed("timestamp meta does not list snapshot.json");
        }
        return new Timestamp(version(signed, TIMESTAMP), expires(signed, TIMESTAMP), metaFile(snapshot, "timestamp"));
    }

    static Snapshot snapshot(SignedMetadata metadata) throws VerificationException {
        ObjectNode signed = common(metadata, SNAPSHOT);
        JsonNode meta = signed.get("meta");
        if (meta == null || !meta.isObject()) {
            throw malformed("snapshot has no 'meta' object");
        }
        Map<String, MetaFile> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) meta::fields) {
            files.put(e.getKey(), metaFile(e.getValue(), "snapshot entry " + e.getKey()));
        }
        return new Snapshot(version(signed, SNAPSHOT), expires(signed, SNAPSHOT), files);
    }

    static Targets targets(SignedMetadata metadata, String role) throws VerificationException {
        ObjectNode signed = common(metadata, TARGETS);
        JsonNode targets = signed.get("targets");
        if (targets == null || !targets.isObject()) {
            throw malformed(role + " has no 'targets' object");
        }
        List<TargetInfo> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) targets::fields) {
            list.add(target(e.getKey(), e.getValue(), role));
        }
        Map<String, TufKey> keys = Map.of();
        List<Delegation> delegations = List.of();
        JsonNode del = signed.get("delegations");
        if (del != null && !del.isNull()) {
            keys = keys(del.get("keys"), role + " delegations");
            delegations = delegations(del, role, keys);
        }
        return new Targets(role, version(signed, role), expires(signed, role), list, keys, delegations);
    }

    private static List<Delegation> delegations(JsonNode del, String role, Map<String, TufKey> keys)
            throws VerificationException {
        JsonNode roles = del.get("roles");
        if (roles == null || !roles.isArray()) {
            throw malformed(role + " delegations have no 'roles' array");
        }
        List<Delegation> out = new ArrayList<>();
        for (JsonNode d : roles) {
            String name = d.path("name").asText("");
            if (!ROLE_NAME.matcher(name).matches() || List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS).contains(name)) {
                throw malformed(role + " delegates to a role with a bad name '" + name + "'");
            }
            RoleKeys rk = roleKeys(d, role + " delegation " + name, keys);
            List<String> paths = strings(d.get("paths"), role + " delegation " + name + " paths");
            List<String> prefixes = strings(d.get("path_hash_prefixes"), role + " delegation " + name + " path_hash_prefixes");
            if (d.has("paths") == d.has("path_hash_prefixes")) {
                throw malformed(role + " delegation " + name + " must have exactly one of paths and path_hash_prefixes");
            }
            JsonNode terminating = d.get("terminating");
            if (terminating == null || !terminating.isBoolean()) {
                throw malformed(role + " delegation " + name + " needs a boolean 'terminating'");
            }
            out.add(new Delegation(name, rk.keyIds(), rk.threshold(), paths, prefixes, terminating.booleanValue()));
        }
        return out;
    }

    private static TargetInfo target(String path, JsonNode entry, String role) throws VerificationException {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")
                || List.of(path.split("/", -1)).stream().anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
            throw malformed(role + " lists an unsafe target path '" + path + "'");
        }
        JsonNode length = entry.get("length");
        if (length == null || !length.isIntegralNumber() || length.longValue() < 0) {
            throw malformed(role + " target " + path + " has no valid length");
        }
        Map<String, String> hashes = hashes(entry.get("hashes"), role + " target " + path, true);
        JsonNode custom = entry.get("custom");
        Map<String, Object> customMap = new LinkedHashMap<>();
        if (custom != null && !custom.isNull()) {
            if (!custom.isObject()) {
                throw malformed(role + " target " + path + " custom must be an object");
            }
            customMap = CanonicalJson.mapper().convertValue(custom, Map.class);
        }
        return new TargetInfo(path, length.longValue(), hashes, customMap, role);
    }

    private static Map<String, TufKey> keys(JsonNode keys, String where) throws VerificationException {
        if (keys == null || !keys.isObject()) {
            throw malformed(where + " has no 'keys' object");
        }
        Map<String, TufKey> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) keys::fields) {
            try {
                out.put(e.getKey(), TufKey.fromJson(e.getValue()));
            } catch (IllegalArgumentException ex) {
                // A key of a scheme this device does not know cannot sign for it; the threshold decides.
                continue;
            }
        }
        return out;
    }

    private static RoleKeys roleKeys(JsonNode role, String where, Map<String, TufKey> keys) throws VerificationException {
        List<String> ids = strings(role.get("keyids"), where + " keyids");
        JsonNode threshold = role.get("threshold");
        if (threshold == null || !threshold.isIntegralNumber() || threshold.longValue() < 1
                || threshold.longValue() > 1000) {
            throw malformed(where + " threshold must be a positive integer, found " + threshold);
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw malformed(where + " lists a key id twice");
        }
        return new RoleKeys(ids, threshold.intValue());
    }

    private static List<String> strings(JsonNode node, String where) throws VerificationException {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw malformed(where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw malformed(where + " must be an array of strings, found " + item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static MetaFile metaFile(JsonNode node, String where) throws VerificationException {
        JsonNode version = node.get("version");
        if (version == null || !version.isIntegralNumber() || version.longValue() < 1) {
            throw malformed(where + " needs a positive integer version");
        }
        JsonNode length = node.get("length");
        if (length != null && (!length.isIntegralNumber() || length.longValue() < 0)) {
            throw malformed(where + " has a bad length " + length);
        }
        return new MetaFile(version.longValue(), length == null ? 0 : length.longValue(),
                hashes(node.get("hashes"), where, false));
    }

    private static Map<String, String> hashes(JsonNode node, String where, boolean required) throws VerificationException {
        if (node == null) {
            if (required) {
                throw malformed(where + " has no hashes");
            }
            return Map.of();
        }
        if (!node.isObject() || (required && node.size() == 0)) {
            throw malformed(where + " hashes must be a non-empty object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!e.getValue().isTextual() || !e.getValue().textValue().matches("[0-9a-fA-F]+")) {
                throw malformed(where + " hash " + e.getKey() + " is not hex");
            }
            out.put(e.getKey(), e.getValue().textValue().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static ObjectNode common(SignedMetadata metadata, String type) throws VerificationException {
        ObjectNode signed = metadata.signed();
        if (!type.equals(metadata.type())) {
            throw malformed("expected " + type + " metadata, found _type '" + metadata.type() + "'");
        }
        String spec = signed.path("spec_version").asText("");
        if (!spec.matches("1\\.\\d+(\\.\\d+)?")) {
            throw malformed(type + " spec_version '" + spec + "' is not a 1.x version this client supports");
        }
        return signed;
    }

    private static long version(JsonNode signed, String role) throws VerificationException {
        JsonNode version = signed.get("version");
        if (version == null || !version.isIntegralNumber() || version.longValue() < 1) {
            throw malformed(role + " needs a positive integer version, found " + version);
        }
        return version.longValue();
    }

    /**
     * The spec writes expiry as {@code YYYY-MM-DDTHH:MM:SSZ}. Other tools add fractional seconds; the instant they
     * name is unambiguous, so they are accepted, while offsets other than Z and missing seconds are refused.
     */
    private static final Pattern EXPIRES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    static Instant expires(JsonNode signed, String role) throws VerificationException {
        String text = signed.path("expires").asText("");
        if (!EXPIRES.matcher(text).matches()) {
            throw malformed(role + " expires '" + text + "' is not of the form YYYY-MM-DDTHH:MM:SSZ");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(role + " expires '" + text + "' is not a valid time");
        }
    }

    static VerificationException malformed(String message) {
        return new VerificationException(Reason.MALFORMED, message);
    }
}
