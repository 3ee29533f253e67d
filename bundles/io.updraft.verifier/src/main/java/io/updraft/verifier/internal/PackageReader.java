package io.updraft.verifier.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.SignedMetadata;
import io.updraft.verifier.PackageFormat;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.TargetDigest;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;
import io.updraft.verifier.VerifiedPackage;

/**
 * Reads a package file in one pass: manifest, signature (checked against the targets role of the trusted root
 * before any payload byte is used), then each payload file hashed while it streams, optionally into a directory.
 */
final class PackageReader {
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final int MAX_SIGNATURE = 256 * 1024;

    private PackageReader() {
    }

    static VerifiedPackage read(Path file, Roles.Root root, Path extractTo) throws VerificationException, IOException {
        if (extractTo != null) {
            prepareEmpty(extractTo);
        }
        boolean ok = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                TarArchiveInputStream tar = new TarArchiveInputStream(PackageFormat.decompress(raw))) {
            byte[] manifestBytes = entry(tar, PackageFormat.MANIFEST, MAX_MANIFEST, file);
            byte[] signatureBytes = entry(tar, PackageFormat.SIGNATURE, MAX_SIGNATURE, file);
            JsonNode manifestJson = json(manifestBytes, PackageFormat.MANIFEST, file);
            List<String> signers = checkSignature(manifestJson, json(signatureBytes, PackageFormat.SIGNATURE, file), root, file);
            PackageManifest manifest = PackageManifest.fromJson(manifestJson);
            readPayload(tar, manifest, extractTo, file);
            ok = true;
            return new VerifiedPackage(manifest, signers, extractTo);
        } finally {
            if (!ok && extractTo != null) {
                deleteTree(extractTo);
            }
        }
    }

    private static byte[] entry(TarArchiveInputStream tar, String name, int max, Path file)
            throws VerificationException, IOException {
        TarArchiveEntry entry = next(tar, file);
        if (entry == null || !entry.isFile() || !name.equals(entry.getName())) {
            throw malformed(file, "does not start with " + PackageFormat.MANIFEST + " and " + PackageFormat.SIGNATURE
                    + " (found " + (entry == null ? "the end" : "'" + entry.getName() + "'") + " where " + name + " belongs)");
        }
        if (entry.getSize() > max) {
            throw new VerificationException(Reason.TOO_LARGE, "package " + file + ": " + name + " has " + entry.getSize()
                    + " bytes, at most " + max + " are allowed");
        }
        return tar.readNBytes((int) entry.getSize());
    }

    private static JsonNode json(byte[] bytes, String name, Path file) throws VerificationException {
        try {
            return CanonicalJson.parse(bytes);
        } catch (IOException e) {
            throw malformed(file, name + " is not valid JSON: " + e.getMessage());
        }
    }

    private static List<String> checkSignature(JsonNode manifest, JsonNode signatures, Roles.Root root, Path file)
            throws VerificationException, IOException {
        if (!manifest.isObject() || !signatures.path("signatures").isArray()) {
            throw malformed(file, PackageFormat.SIGNATURE + " must be {\"signatures\": [...]} over an object manifest");
        }
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.set("signatures", signatures.get("signatures"));
        envelope.set("signed", manifest);
        SignedMetadata signed = SignedMetadata.parse(CanonicalJson.mapper().writeValueAsBytes(envelope));
        Roles.RoleKeys targets = root.role(Roles.TARGETS);
        int valid = signed.validSignatures(root.keys(), targets.keyIds());
        if (valid < targets.threshold()) {
            throw new VerificationException(Reason.SIGNATURE_THRESHOLD, "package " + file + " has " + valid
                    + " valid signature(s) by targets keys of trusted root version " + root.version()
                    + ", threshold is " + targets.threshold());
        }
        return signed.signatures().stream().map(SignedMetadata.Signature::keyId)
                .filter(targets.keyIds()::contains).distinct().toList();
    }

    private static void readPayload(TarArchiveInputStream tar, PackageManifest manifest, Path extractTo, Path file)
            throws VerificationException, IOException {
        Map<String, PackageManifest.PackageFile> expected = new HashMap<>();
        manifest.files().forEach(f -> expected.put(f.path(), f));
        Set<String> seen = new HashSet<>();
        byte[] buffer = new byte[256 * 1024];
        TarArchiveEntry entry;
        while ((entry = next(tar, file)) != null) {
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            if (!entry.isFile() || !name.startsWith(PackageFormat.PAYLOAD_PREFIX)) {
                throw malformed(file, "has an entry '" + name + "' that is not a payload file");
            }
            String path = name.substring(PackageFormat.PAYLOAD_PREFIX.length());
            PackageManifest.PackageFile listed = expected.get(path);
            if (listed == null || !seen.add(path)) {
                throw new VerificationException(Reason.HASH_MISMATCH, "package " + file + " carries '" + path
                        + "', which its signed manifest " + (listed == null ? "does not list" : "lists only once"));
            }
            TargetDigest digest = TargetDigest.of(new TargetInfo(path, listed.length(), Map.of("sha256", listed.sha256()),
                    Map.of(), "package"));
            try (OutputStream out = extractTo == null ? OutputStream.nullOutputStream() : create(extractTo, path)) {
                int n;
                while ((n = tar.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            try {
                digest.finish();
            } catch (VerificationException e) {
                throw new VerificationException(e.reason(), "package " + file + ": " + e.getMessage(), e);
            }
            if (extractTo != null) {
                // Set-id bits never come from a package; the installer grants them if a product needs them.
                Files.setPosixFilePermissions(extractTo.resolve(path), permissions(listed.mode() & 0777));
            }
        }
        if (seen.size() != expected.size()) {
            Set<String> missing = new HashSet<>(expected.keySet());
            missing.removeAll(seen);
            throw new VerificationException(Reason.HASH_MISMATCH, "package " + file + " lacks payload files its manifest lists: " + missing);
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, Path file) throws VerificationException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(file, "is not a readable tar archive: " + e.getMessage());
        }
    }

    private static OutputStream create(Path root, String path) throws IOException {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("payload path " + path + " leaves " + root);
        }
        Files.createDirectories(target.getParent());
        return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder(9);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    private static void prepareEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("extraction directory " + dir + " is not empty");
                }
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static VerificationException malformed(Path file, String what) {
        return new VerificationException(Reason.MALFORMED, "package " + file + " " + what);
    }
}
