package io.updraft.publisher.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.TufSigner;
import io.updraft.verifier.PackageFormat;
import io.updraft.verifier.PackageManifest;

public class PackageTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Cli cli = new Cli();
    private Path dir;
    private Path key;
    private TufSigner signer;

    @Before
    public void setUp() throws Exception {
        dir = tmp.getRoot().toPath();
        key = dir.resolve("targets.key");
        signer = TufSigner.generate(KeyType.ED25519, new SecureRandom());
        signer.store(key);
    }

    private Path payload() throws Exception {
        Path p = dir.resolve("payload");
        if (Files.exists(p)) {
            return p;
        }
        Files.createDirectories(p.resolve("lib/sub"));
        Files.writeString(p.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(p.resolve("run.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Files.write(p.resolve("lib/sub/big.bin"), new byte[300_000]);
        Files.writeString(p.resolve("lib/a.txt"), "a");
        Files.createSymbolicLink(p.resolve("lib/link.txt"), Path.of("a.txt"));
        return p;
    }

    private Path pack(String name, String compress, Path from) {
        Path out = dir.resolve(name);
        cli.ok("package", "--component", "app", "--version", "1.0.0", "--product", "robot", "--hardware", "rev-b",
                "--conflicts", "legacy=<1.0.0", "--install", "image", "--from", from.toString(), "--compress",
                compress, "--key", key.toString(), "--out", out.toString());
        return out;
    }

    @Test
    public void roundTripCarriesManifestSignatureAndPayloadInOrder() throws Exception {
        for (String compress : List.of("zstd", "gzip", "none")) {
            Path pkg = pack("app-" + compress + ".updraft", compress, payload());
            PackageReader.Contents contents = PackageReader.read(pkg);
            PackageManifest m = contents.manifest();
            assertEquals("app", m.release().component());
            assertEquals("image", m.release().install());
            assertEquals(Map.of("legacy", "<1.0.0"), m.release().conflicts());
            assertEquals(List.of("lib/a.txt", "lib/link.txt", "lib/sub/big.bin", "run.sh"),
                    m.files().stream().map(PackageManifest.PackageFile::path).toList());
            assertEquals(0750, m.files().get(3).mode());
            assertEquals(300_000, m.files().get(2).length());
            assertEquals(Digests.of(dir.resolve("payload/run.sh")).sha256(), m.files().get(3).sha256());
            assertEquals(1, contents.signed().validSignatures(Map.of(signer.keyId(), signer.publicKey()),
                    List.of(signer.keyId())));

            List<TarArchiveEntry> entries = entries(pkg);
            assertEquals(PackageFormat.MANIFEST, entries.get(0).getName());
            assertEquals(PackageFormat.SIGNATURE, entries.get(1).getName());
            assertEquals("payload/lib/a.txt", entries.get(2).getName());
            for (TarArchiveEntry e : entries) {
                assertEquals(0, e.getLongUserId());
                assertEquals(0, e.getLongGroupId());
                assertEquals(cli.now.getEpochSecond(), e.getModTime().getTime() / 1000);
            }
            assertEquals(0750, entries.get(5).getMode() & 07777);
        }
    }

    @Test
    public void signatureFileCoversTheCanonicalManifest() throws Exception {
        Path pkg = pack("app.updraft", "zstd", payload());
        PackageReader.Contents contents = PackageReader.read(pkg);
        JsonNode sig = CanonicalJson.parse(entryBytes(pkg, PackageFormat.SIGNATURE));
        assertEquals(signer.keyId(), sig.path("signatures").get(0).path("keyid").asText());
        byte[] manifestEntry = entryBytes(pkg, PackageFormat.MANIFEST);
        assertArrayEquals(CanonicalJson.encode(contents.manifest().toJson()), manifestEntry);
        assertTrue(signer.publicKey().verify(manifestEntry,
                io.updraft.tuf.Hex.decode("sig", sig.path("signatures").get(0).path("sig").asText())));
    }

    @Test
    public void identicalInputGivesIdenticalBytes() throws Exception {
        Path from = payload();
        for (String compress : List.of("zstd", "gzip")) {
            Path a = pack("a-" + compress + ".updraft", compress, from);
            Path b = pack("b-" + compress + ".updraft", compress, from);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        }
        cli.now = cli.now.plusSeconds(1);
        assertNotEquals(Digests.of(dir.resolve("a-zstd.updraft")), Digests.of(pack("c.updraft", "zstd", from)));
    }

    @Test
    public void tamperedPayloadIsDetectedByRehashing() throws Exception {
        Path pkg = pack("app.updraft", "none", payload());
        Path tampered = dir.resolve("tampered.updraft");
        try (InputStream in = Files.newInputStream(pkg);
                TarArchiveInputStream tar = new TarArchiveInputStream(in);
                OutputStream out = Files.newOutputStream(tampered);
                TarArchiveOutputStream copy = new TarArchiveOutputStream(out)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                byte[] content = tar.readAllBytes();
                if (e.getName().equals("payload/run.sh")) {
                    content = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8);
                    e.setSize(content.length);
                }
                copy.putArchiveEntry(e);
                copy.write(content);
                copy.closeArchiveEntry();
            }
        }
        try {
            PackageReader.read(tampered);
            fail("tampered package accepted");
        } catch (PublishException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("payload file run.sh does not match"));
        }
    }

    @Test
    public void linksLeadingOutsideAndSpecialFilesAreRefusedByName() throws Exception {
        Path from = payload();
        Files.createSymbolicLink(from.resolve("escape"), dir.resolve("targets.key"));
        Path out = dir.resolve("x.updraft");
        assertEquals(1, cli.run("package", "--component", "app", "--version", "1.0.0", "--from", from.toString(),
                "--key", key.toString(), "--out", out.toString()));
        assertTrue(cli.err, cli.err.contains("escape (symbolic link pointing outside"));
        assertFalse(Files.exists(out));
        Files.delete(from.resolve("escape"));
        Process mkfifo = new ProcessBuilder("mkfifo", from.resolve("pipe").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertEquals(1, cli.run("package", "--component", "app", "--version", "1.0.0", "--from", from.toString(),
                "--key", key.toString(), "--out", out.toString()));
        assertTrue(cli.err, cli.err.contains("pipe (special file"));
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    public void existingOutputIsNeverReplaced() throws Exception {
        Path out = dir.resolve("exists.updraft");
        Files.writeString(out, "keep");
        assertEquals(1, cli.run("package", "--component", "app", "--version", "1.0.0", "--from", payload().toString(),
                "--key", key.toString(), "--out", out.toString()));
        assertEquals("keep", Files.readString(out));
    }

    private static List<TarArchiveEntry> entries(Path pkg) throws Exception {
        List<TarArchiveEntry> list = new java.util.ArrayList<>();
        try (InputStream in = PackageFormat.decompress(Files.newInputStream(pkg));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                list.add(e);
            }
        }
        return list;
    }

    private static byte[] entryBytes(Path pkg, String name) throws Exception {
        try (InputStream in = PackageFormat.decompress(Files.newInputStream(pkg));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                if (e.getName().equals(name)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    tar.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError(name + " not in " + pkg);
    }
}
