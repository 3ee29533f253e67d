package io.updraft.verifier.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.Hex;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.TufSigner;
import io.updraft.update.Release;
import io.updraft.update.Version;
import io.updraft.verifier.PackageFormat;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.ReleaseDescriptor;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;
import io.updraft.verifier.VerifiedPackage;

public class PackageReaderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestRepo repo;
    private Path root;
    private VerifierComponent verifier;
    private final Map<String, byte[]> payload = new LinkedHashMap<>();

    @Before
    public void setUp() throws IOException {
        repo = new TestRepo(KeyType.ECDSA_P256);
        repo.publishRoot();
        root = tmp.newFile("root.json").toPath();
        Files.write(root, repo.files.get("root.json"));
        verifier = new VerifierComponent(tmp.getRoot().toPath().resolve("trust"), Limits.DEFAULTS,
                Clock.fixed(TestRepo.NOW, ZoneOffset.UTC));
        payload.put("bin/app", TestRepo.utf8("#!/bin/sh\necho app\n"));
        payload.put("share/data.txt", TestRepo.utf8("data"));
    }

    private PackageManifest manifest(Map<String, byte[]> files) {
        List<PackageManifest.PackageFile> list = new ArrayList<>();
        files.forEach((p, c) -> list.add(new PackageManifest.PackageFile(p, c.length, TestRepo.sha256(c),
                p.startsWith("bin/") ? 04755 : 0644)));
        return new PackageManifest(new ReleaseDescriptor("app", Version.parse("1.2.0"), Set.of("robot"), Set.of(),
                Map.of("base", ">=1.0.0"), Map.of(), Release.Kind.FULL, null, "archive"), Instant.parse("2026-11-23T10:00:00Z"), list);
    }

    /** Writes a package; {@code entries} is the payload as archived, which tests may make differ from the manifest. */
    private Path write(String name, String compression, ObjectNode manifestJson, List<TufSigner> signers,
            Map<String, byte[]> entries) throws IOException {
        byte[] manifestBytes = CanonicalJson.mapper().writeValueAsBytes(manifestJson);
        ObjectNode sig = JsonNodeFactory.instance.objectNode();
        var sigs = sig.putArray("signatures");
        for (TufSigner s : signers) {
            sigs.addObject().put("keyid", s.keyId()).put("sig", Hex.encode(s.sign(CanonicalJson.encode(manifestJson))));
        }
        Path file = tmp.getRoot().toPath().resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream compressed = compression.equals("zstd") ? new ZstdCompressorOutputStream(raw)
                        : compression.equals("gzip") ? new GzipCompressorOutputStream(raw) : raw;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, PackageFormat.MANIFEST, manifestBytes);
            add(tar, PackageFormat.SIGNATURE, CanonicalJson.mapper().writeValueAsBytes(sig));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                add(tar, e.getKey().startsWith("!") ? e.getKey().substring(1) : PackageFormat.PAYLOAD_PREFIX + e.getKey(),
                        e.getValue());
            }
        }
        return file;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private Path valid(String compression) throws IOException {
        return write("app." + compression + PackageFormat.SUFFIX, compression, manifest(payload).toJson(),
                repo.keys.get("targets"), payload);
    }

    private void expectRefused(Path pkg, Reason reason, String part) throws IOException {
        Path out = tmp.getRoot().toPath().resolve("out-" + pkg.getFileName());
        try {
            verifier.verifyPackage("production", root, pkg, out);
            fail("package should be refused with " + reason);
        } catch (VerificationException e) {
            assertEquals(e.getMessage(), reason, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(part));
        }
        assertFalse("nothing may be left after a refused package", Files.exists(out));
    }

    @Test
    public void verifiesAndExtractsSignedPackagesInEveryCompression() throws Exception {
        for (String compression : List.of("zstd", "gzip", "none")) {
            Path out = tmp.getRoot().toPath().resolve("out-" + compression);
            VerifiedPackage verified = verifier.verifyPackage("production", root, valid(compression), out);
            assertEquals("app", verified.manifest().release().component());
            assertEquals(Map.of("base", ">=1.0.0"), verified.manifest().release().requires());
            assertEquals(List.of(repo.keys.get("targets").get(0).keyId()), verified.signedBy());
            assertArrayEquals(payload.get("bin/app"), Files.readAllBytes(out.resolve("bin/app")));
            // The set-uid bit in the manifest is not applied.
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/app"))));
        }
    }

    @Test
    public void checkingWithoutExtractingWritesNothing() throws Exception {
        VerifiedPackage verified = verifier.verifyPackage("production", root, valid("zstd"), null);
        assertEquals(null, verified.payload());
    }

    @Test
    public void aPayloadFileChangedAfterSigningIsRefused() throws Exception {
        Map<String, byte[]> tampered = new LinkedHashMap<>(payload);
        tampered.put("bin/app", TestRepo.utf8("#!/bin/sh\nrm -rf /\n"));
        expectRefused(write("t.updraft", "zstd", manifest(payload).toJson(), repo.keys.get("targets"), tampered),
                Reason.HASH_MISMATCH, "bin/app");
    }

    @Test
    public void aManifestChangedAfterSigningIsRefused() throws Exception {
        ObjectNode json = manifest(payload).toJson();
        byte[] manifestBytes = CanonicalJson.encode(json);
        ObjectNode sigNode = JsonNodeFactory.instance.objectNode();
        TufSigner key = repo.keys.get("targets").get(0);
        sigNode.putArray("signatures").addObject().put("keyid", key.keyId()).put("sig", Hex.encode(key.sign(manifestBytes)));
        json.put("version", "9.9.9");
        Path pkg = tmp.getRoot().toPath().resolve("m.updraft");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(pkg))) {
            add(tar, PackageFormat.MANIFEST, CanonicalJson.encode(json));
            add(tar, PackageFormat.SIGNATURE, CanonicalJson.encode(sigNode));
        }
        expectRefused(pkg, Reason.SIGNATURE_THRESHOLD, "0 valid signature(s)");
    }

    @Test
    public void aPackageSignedByAnotherKeyIsRefused() throws Exception {
        TufSigner stranger = TufSigner.generate(KeyType.ED25519, TestRepo.RANDOM);
        expectRefused(write("s.updraft", "gzip", manifest(payload).toJson(), List.of(stranger), payload),
                Reason.SIGNATURE_THRESHOLD, "threshold is 1");
        // A root key is not a targets key either.
        expectRefused(write("r.updraft", "gzip", manifest(payload).toJson(), repo.keys.get("root"), payload),
                Reason.SIGNATURE_THRESHOLD, "targets keys");
    }

    @Test
    public void extraMissingOrEscapingEntriesAreRefused() throws Exception {
        Map<String, byte[]> extra = new LinkedHashMap<>(payload);
        extra.put("bin/backdoor", TestRepo.utf8("x"));
        expectRefused(write("e.updraft", "none", manifest(payload).toJson(), repo.keys.get("targets"), extra),
                Reason.HASH_MISMATCH, "does not list");
        Map<String, byte[]> missing = new LinkedHashMap<>(payload);
        missing.remove("share/data.txt");
        expectRefused(write("m.updraft", "none", manifest(payload).toJson(), repo.keys.get("targets"), missing),
                Reason.HASH_MISMATCH, "lacks payload files");
        Map<String, byte[]> outside = new LinkedHashMap<>(payload);
        outside.put("!etc/passwd", TestRepo.utf8("x"));
        expectRefused(write("o.updraft", "none", manifest(payload).toJson(), repo.keys.get("targets"), outside),
                Reason.MALFORMED, "not a payload file");
    }

    @Test
    public void manifestPathsThatLeaveTheDirectoryAreRefused() {
        for (String bad : List.of("../x", "/etc/x", "a/../../x", "a//b", "a/./b", "")) {
            try {
                new PackageManifest.PackageFile(bad, 1, TestRepo.sha256(new byte[1]), 0644);
                fail("should refuse " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("payload path"));
            }
        }
    }

    @Test
    public void garbageIsRefusedAsMalformed() throws Exception {
        Path pkg = tmp.getRoot().toPath().resolve("g.updraft");
        Files.write(pkg, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3});
        try {
            verifier.verifyPackage("production", root, pkg, null);
            fail();
        } catch (VerificationException | IOException e) {
            assertTrue(e.getMessage(), e.getMessage() != null);
        }
        Files.write(pkg, new ByteArrayOutputStream().toByteArray());
        expectRefused(pkg, Reason.MALFORMED, "does not start with");
    }

    @Test
    public void aNonEmptyExtractionDirectoryIsNotTouched() throws Exception {
        Path out = tmp.newFolder("busy").toPath();
        Files.writeString(out.resolve("keep"), "mine");
        try {
            verifier.verifyPackage("production", root, valid("gzip"), out);
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("not empty"));
        }
        assertEquals("mine", Files.readString(out.resolve("keep")));
    }
}
