package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.update.Release;
import io.updraft.update.Version;
import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.ReleaseDescriptor;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerifiedPackage;

/**
 * Test packages: a JSON file naming the release and holding its files' text, and a verifier that "verifies" them by
 * refusing those marked as tampered and extracting the rest with their real hashes. The real verifier has its own
 * tests; here the installer's handling of its results is under test.
 */
final class TestPackages implements UpdateVerifier {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final List<String> repositories = new ArrayList<>();

    static Path write(Path file, String component, String version, String kind, Map<String, String> files)
            throws IOException {
        ObjectNode json = MAPPER.createObjectNode().put("component", component).put("version", version)
                .put("install", kind);
        ObjectNode f = json.putObject("files");
        new TreeMap<>(files).forEach(f::put);
        Files.write(file, MAPPER.writeValueAsBytes(json));
        return file;
    }

    static String versionOf(Path file) throws IOException {
        return MAPPER.readTree(file.toFile()).get("version").asText();
    }

    static Path tampered(Path file) throws IOException {
        ObjectNode json = (ObjectNode) MAPPER.readTree(file.toFile());
        json.put("tampered", true);
        Files.write(file, MAPPER.writeValueAsBytes(json));
        return file;
    }

    @Override
    public VerifiedPackage verifyPackage(String repositoryId, Path initialRoot, Path packageFile, Path extractTo)
            throws VerificationException, IOException {
        repositories.add(repositoryId);
        JsonNode json = MAPPER.readTree(packageFile.toFile());
        if (json.path("tampered").asBoolean()) {
            throw new VerificationException(VerificationException.Reason.SIGNATURE_THRESHOLD,
                    "package " + packageFile + " is not signed by enough targets keys");
        }
        List<PackageManifest.PackageFile> files = new ArrayList<>();
        DurableFiles.createDirectories(extractTo);
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) json.path("files")::fields) {
            Path target = extractTo.resolve(e.getKey());
            DurableFiles.createDirectories(target.getParent());
            byte[] bytes = e.getValue().asText().getBytes(StandardCharsets.UTF_8);
            Files.write(target, bytes);
            files.add(new PackageManifest.PackageFile(e.getKey(), bytes.length, TreeInstaller.sha256(target),
                    e.getKey().endsWith(".sh") ? 0755 : 0644));
        }
        ReleaseDescriptor release = new ReleaseDescriptor(json.get("component").asText(),
                Version.parse(json.get("version").asText()), null, null, null, null, Release.Kind.FULL, null,
                json.get("install").asText());
        return new VerifiedPackage(new PackageManifest(release, Instant.now(), files), List.of("test-key"), extractTo);
    }

    @Override
    public TrustedRepository refresh(String repositoryId, Path initialRoot, MetadataTransport transport)
            throws VerificationException {
        throw new VerificationException(VerificationException.Reason.UNTRUSTED, "no repositories in this test");
    }

    @Override
    public void verifyTarget(TargetInfo target, java.io.InputStream content) throws VerificationException {
        throw new VerificationException(VerificationException.Reason.UNTRUSTED, "no targets in this test");
    }
}
