package io.updraft.verifier.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.tuf.KeyType;
import io.updraft.tuf.TufSigner;
import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;

/** A repository built in memory, served through a logging transport, and the device's trust directory. */
public abstract class RefreshFixture {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    TestRepo repo;
    MapTransport transport;
    Path trust;
    Path initialRoot;

    @Before
    public void setUp() throws IOException {
        repo = new TestRepo(KeyType.ED25519);
        repo.publishRoot();
        repo.addTarget("app/app-1.0.0.updraft", TestRepo.utf8("one"), Map.of("component", "app", "version", "1.0.0"));
        repo.publishAll();
        transport = new MapTransport(repo);
        trust = tmp.getRoot().toPath().resolve("trust");
        initialRoot = tmp.newFile("root.json").toPath();
        Files.write(initialRoot, repo.files.get("1.root.json"));
    }

    VerifierComponent verifier(Instant now) {
        return new VerifierComponent(trust, Limits.DEFAULTS, Clock.fixed(now, ZoneOffset.UTC));
    }

    TrustedRepository refresh() throws Exception {
        return verifier(TestRepo.NOW).refresh("production", initialRoot, transport);
    }

    void expectRefused(Reason reason, String messagePart) throws Exception {
        expectRefused(reason, messagePart, transport);
    }

    void expectRefused(Reason reason, String messagePart, MetadataTransport via) throws Exception {
        try {
            verifier(TestRepo.NOW).refresh("production", initialRoot, via);
            fail("refresh should have been refused with " + reason);
        } catch (VerificationException e) {
            assertEquals(e.getMessage(), reason, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }

    /**
     * An attack is refused with a clear error and nothing of it is staged: every trusted file stays as it was,
     * except the roles named, which the workflow rightly stores because they passed every check before the
     * attacked role was reached (TUF 5.3.8, 5.4.5).
     */
    void expectAttackRefused(Reason reason, String messagePart, MetadataTransport via, String... updatedFirst)
            throws Exception {
        Map<String, String> before = trustState();
        expectRefused(reason, messagePart, via);
        Map<String, String> after = trustState();
        for (String role : updatedFirst) {
            String file = role.equals("latest-time") ? role : role + ".json";
            before.remove(file);
            after.remove(file);
        }
        assertEquals("trusted state after a refused refresh", before, after);
        try (var files = Files.list(trust.resolve("production"))) {
            assertEquals("no temporary files left", List.of(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".")).toList());
        }
    }

    void expectAttackRefused(Reason reason, String messagePart, String... updatedFirst) throws Exception {
        expectAttackRefused(reason, messagePart, transport, updatedFirst);
    }

    /** File name to SHA-256 of everything in the repository's trust directory. */
    Map<String, String> trustState() throws IOException {
        Map<String, String> state = new java.util.TreeMap<>();
        Path dir = trust.resolve("production");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    state.put(f.getFileName().toString(), TestRepo.sha256(Files.readAllBytes(f)));
                }
            }
        }
        return state;
    }

    byte[] stored(String role) throws IOException {
        return Files.readAllBytes(trust.resolve("production").resolve(role + ".json"));
    }
}
