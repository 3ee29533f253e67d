package io.updraft.verifier;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The manifest of a package file ({@link PackageFormat#MANIFEST}): the release it carries and every payload
 * file with its length, SHA-256 and mode.
 */
public record PackageManifest(ReleaseDescriptor release, Instant created, List<PackageFile> files) {

    /**
     * One payload file.
     *
     * @param path relative path below {@link PackageFormat#PAYLOAD_PREFIX}; no {@code ..}, no leading slash
     * @param length exact size
     * @param sha256 lower-case hex
     * @param mode POSIX permission bits (e.g. 0755 for executables)
     */
    public record PackageFile(String path, long length, String sha256, int mode) {
        private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

        public PackageFile {
            requireSafePath(path);
            if (length < 0) {
                throw new IllegalArgumentException("payload file " + path + " has a negative length");
            }
            if (sha256 == null || !HEX64.matcher(sha256).matches()) {
                throw new IllegalArgumentException("payload file " + path + " has a bad sha256 '" + sha256 + "'");
            }
            if ((mode & ~07777) != 0) {
                throw new IllegalArgumentException("payload file " + path + " has a bad mode " + Integer.toOctalString(mode));
            }
        }
    }

    public PackageManifest {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(created, "created");
        files = List.copyOf(files);
        Set<String> seen = new HashSet<>();
        for (PackageFile file : files) {
            if (!seen.add(file.path())) {
                throw new IllegalArgumentException("manifest lists payload file " + file.path() + " twice");
            }
        }
    }

    /**
     * Refuses a path that could leave the directory it is unpacked into.
     *
     * @throws IllegalArgumentException naming the path
     */
    public static String requireSafePath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")
                || path.length() > 1024) {
            throw new IllegalArgumentException("payload path '" + path + "' must be a relative path");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("payload path '" + path + "' has an empty, '.' or '..' part");
            }
        }
        return path;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("_type", PackageFormat.TYPE);
        json.put("formatVersion", PackageFormat.FORMAT_VERSION);
        release.writeTo(json);
        json.put("created", created.toString());
        ArrayNode list = json.putArray("files");
        for (PackageFile file : files) {
            list.addObject().put("path", file.path()).put("length", file.length()).put("sha256", file.sha256())
                    .put("mode", file.mode());
        }
        return json;
    }

    /**
     * Reads a manifest.
     *
     * @throws VerificationException (MALFORMED) naming what is wrong
     */
    public static PackageManifest fromJson(JsonNode json) throws VerificationException {
        if (json == null || !PackageFormat.TYPE.equals(json.path("_type").asText())) {
            throw new VerificationException(VerificationException.Reason.MALFORMED,
                    "package manifest has no _type '" + PackageFormat.TYPE + "'");
        }
        int format = json.path("formatVersion").asInt(-1);
        if (format != PackageFormat.FORMAT_VERSION) {
            throw new VerificationException(VerificationException.Reason.MALFORMED, "package manifest format "
                    + json.path("formatVersion") + " is not supported; this runtime reads format " + PackageFormat.FORMAT_VERSION);
        }
        ReleaseDescriptor release = ReleaseDescriptor.fromJson(json, "package manifest");
        try {
            Instant created = Instant.parse(json.path("created").asText(""));
            if (!json.path("files").isArray()) {
                throw new IllegalArgumentException("'files' must be an array");
            }
            List<PackageFile> files = new ArrayList<>();
            for (JsonNode f : json.get("files")) {
                if (!f.path("path").isTextual() || !f.path("length").isIntegralNumber() || !f.path("length").canConvertToLong() || !f.path("mode").isIntegralNumber() || !f.path("mode").canConvertToInt()) {
                    throw new IllegalArgumentException("file entry " + f + " needs path, length, sha256 and mode");
                }
                files.add(new PackageFile(f.get("path").textValue(), f.get("length").longValue(),
                        f.path("sha256").asText(null), f.get("mode").intValue()));
            }
            return new PackageManifest(release, created, files);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new VerificationException(VerificationException.Reason.MALFORMED, "package manifest: " + e.getMessage(), e);
        }
    }
}
