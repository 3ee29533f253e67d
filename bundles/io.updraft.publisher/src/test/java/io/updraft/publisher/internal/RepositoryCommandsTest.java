package io.updraft.publisher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.tuf.SignedMetadata;

public class RepositoryCommandsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void initWritesSignedRolesWithThresholdsExpiriesAndPrivateKeys() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath(), "--threshold", "root=2", "snapshot=1", "--key-type", "ecdsa-p256",
                "--expires", "timestamp=12h");
        RepoCheck repo = f.check();
        assertEquals(1, RepoCheck.version(repo.root));
        assertEquals(2, RepoCheck.threshold(repo.root, "root"));
        assertEquals(2, RepoCheck.valid(repo.root, repo.root, "root"));
        assertEquals("ecdsa", repo.root.signed().path("keys").elements().next().path("keytype").asText());
        assertEquals("2030-01-01T12:00:00Z", repo.timestamp.signed().path("expires").asText());
        assertEquals("2031-01-01T00:00:00Z", repo.root.signed().path("expires").asText());
        assertEquals("2030-04-01T00:00:00Z", repo.targets.signed().path("expires").asText());
        assertEquals("1.0.31", repo.targets.signed().path("spec_version").asText());
        assertTrue(Files.exists(f.repo.resolve("metadata/1.root.json")));
        assertEquals(2, f.keyFiles("root").size());
        for (String role : Metadata.TOP_LEVEL) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.keys.resolve(role))));
            for (Path key : f.keyFiles(role)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            }
        }
        assertEquals(1, f.cli.run("init", "--repo", f.repo.toString(), "--keys", f.keys.toString()));
        assertTrue(f.cli.err, f.cli.err.contains("holds a repository already"));
    }

    @Test
    public void addListsTheReleaseAndChainsSnapshotAndTimestamp() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        Path pkg = f.pack("app", "1.2.0", "--product", "robot", "--requires", "base=>=1.0.0 <2.0.0");
        f.add(pkg);
        RepoCheck repo = f.check();
        assertEquals(2, RepoCheck.version(repo.targets));
        assertEquals(2, RepoCheck.version(repo.snapshot));
        assertEquals(2, RepoCheck.version(repo.timestamp));
        JsonNode entry = repo.targets.signed().path("targets").path("app/app-1.2.0.updraft");
        Digests d = Digests.of(pkg);
        assertEquals(d.length(), entry.path("length").asLong());
        assertEquals(d.sha256(), entry.path("hashes").path("sha256").asText());
        assertEquals(d.sha512(), entry.path("hashes").path("sha512").asText());
        assertEquals("1.2.0", entry.path("custom").path("version").asText());
        assertEquals("robot", entry.path("custom").path("products").get(0).asText());
        assertEquals(">=1.0.0 <2.0.0", entry.path("custom").path("requires").path("base").asText());
        Path stored = f.repo.resolve("targets/app/" + d.sha256() + ".app-1.2.0.updraft");
        assertTrue(Files.exists(stored));
        assertEquals(d, Digests.of(stored));
        assertTrue(Files.exists(f.repo.resolve("targets/app/" + d.sha512() + ".app-1.2.0.updraft")));
    }

    @Test
    public void addRefusesOlderOrEqualVersionsUnlessAllowed() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        f.add(f.pack("app", "1.2.0"));
        byte[] before = Files.readAllBytes(f.repo.resolve("metadata/timestamp.json"));
        assertEquals(1, f.cli.run("add", "--repo", f.repo.toString(), "--keys", f.keys.toString(),
                f.pack("app", "1.1.0").toString()));
        assertTrue(f.cli.err, f.cli.err.contains("not newer than 1.2.0"));
        assertEquals(new String(before), Files.readString(f.repo.resolve("metadata/timestamp.json")));
        f.add(f.pack("app", "1.1.0"), "--allow-downgrade");
        f.add(f.pack("app", "1.3.0-rc.1"));
        assertEquals(3, new RepoCheck(f.repo).targets.signed().path("targets").size());
        f.check();
    }

    @Test
    public void addRefusesPackagesNotSignedByTheTargetsKeys() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        Path pkg = f.base.resolve("bad.updraft");
        f.cli.ok("package", "--component", "app", "--version", "1.0.0", "--from", f.payload("x", "x").toString(),
                "--key", f.keyFiles("snapshot").get(0).toString(), "--out", pkg.toString());
        assertEquals(1, f.cli.run("add", "--repo", f.repo.toString(), "--keys", f.keys.toString(), pkg.toString()));
        assertTrue(f.cli.err, f.cli.err.contains("0 valid signatures"));
        assertEquals(1, RepoCheck.version(new RepoCheck(f.repo).targets));
        assertFalse(Files.exists(f.repo.resolve("targets/app")));
    }

    @Test
    public void removeRevokesTheReleaseAndDeletesItsFiles() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath(), "--consistent-snapshot", "false");
        f.add(f.pack("app", "1.0.0"));
        assertTrue(Files.exists(f.repo.resolve("targets/app/app-1.0.0.updraft")));
        assertFalse(Files.exists(f.repo.resolve("metadata/2.targets.json")));
        f.cli.ok("remove", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--target", "app/app-1.0.0.updraft");
        RepoCheck repo = f.check();
        assertEquals(3, RepoCheck.version(repo.targets));
        assertEquals(0, repo.targets.signed().path("targets").size());
        assertFalse(Files.exists(f.repo.resolve("targets/app/app-1.0.0.updraft")));
        assertEquals(1, f.cli.run("remove", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--target", "app/nope"));
        assertTrue(f.cli.err, f.cli.err.contains("app/nope"));
    }

    @Test
    public void delegatedRoleSignsItsPathsOnly() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        Path robotKey = f.base.resolve("robot.key");
        f.cli.ok("keygen", "--type", "ecdsa-p256", "--out", robotKey.toString());
        f.cli.ok("delegate", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "robot", "--paths",
                "app/*", "--key", robotKey.toString(), "--terminating");
        RepoCheck repo = f.check();
        JsonNode delegation = repo.targets.signed().path("delegations").path("roles").get(0);
        assertEquals("robot", delegation.path("name").asText());
        assertTrue(delegation.path("terminating").asBoolean());
        assertEquals("app/*", delegation.path("paths").get(0).asText());
        assertTrue(Files.exists(f.keys.resolve("robot").resolve(f.keyFiles("robot").get(0).getFileName())));

        f.add(f.pack("app", "2.0.0"), "--role", "robot");
        repo = f.check();
        SignedMetadata robot = repo.read("robot.json");
        assertEquals(2, RepoCheck.version(robot));
        assertTrue(robot.signed().path("targets").has("app/app-2.0.0.updraft"));
        assertTrue(Files.exists(f.repo.resolve("metadata/2.robot.json")));
        assertEquals(1, f.cli.run("add", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "robot",
                f.pack("tool", "1.0.0").toString()));
        assertTrue(f.cli.err, f.cli.err.contains("outside role robot's paths"));
    }

    @Test
    public void resignBumpsVersionsAndCascades() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        f.cli.now = f.cli.now.plus(Duration.ofHours(20));
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString());
        RepoCheck repo = f.check();
        assertEquals(2, RepoCheck.version(repo.timestamp));
        assertEquals(1, RepoCheck.version(repo.snapshot));
        assertEquals("2030-01-02T20:00:00Z", repo.timestamp.signed().path("expires").asText());
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "targets");
        repo = f.check();
        assertEquals(2, RepoCheck.version(repo.targets));
        assertEquals(2, RepoCheck.version(repo.snapshot));
        assertEquals(3, RepoCheck.version(repo.timestamp));
        f.cli.ok("expires", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "snapshot", "--in", "P2D");
        repo = f.check();
        assertEquals("2030-01-03T20:00:00Z", repo.snapshot.signed().path("expires").asText());
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "snapshot");
        assertEquals("2030-01-03T20:00:00Z", new RepoCheck(f.repo).snapshot.signed().path("expires").asText());
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "root");
        repo = f.check();
        assertEquals(2, RepoCheck.version(repo.root));
        assertTrue(Files.exists(f.repo.resolve("metadata/1.root.json")));
    }

    @Test
    public void rotatingATimestampKeyRevokesTheOldOne() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        String old = f.keyFiles("timestamp").get(0).getFileName().toString().replace(".key", "");
        f.cli.ok("rotate-key", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "timestamp",
                "--type", "ecdsa-p256", "--revoke", old.substring(0, 10));
        RepoCheck repo = f.check();
        assertEquals(2, RepoCheck.version(repo.root));
        assertEquals(2, RepoCheck.version(repo.timestamp));
        List<String> ids = RepoCheck.ids(repo.root.signed().path("roles").path("timestamp"));
        assertEquals(1, ids.size());
        assertNotEquals(old, ids.get(0));
        assertFalse(repo.root.signed().path("keys").has(old));
        // The timestamp published with root 2 verifies under root 2 and, for clients that have not fetched root 2
        // yet, under root 1; the next one only under root 2, as the old key is retired.
        SignedMetadata v1 = repo.read("1.root.json");
        assertEquals(1, RepoCheck.valid(repo.timestamp, repo.root, "timestamp"));
        assertEquals(1, RepoCheck.valid(repo.timestamp, v1, "timestamp"));
        assertEquals(1, f.keyFiles("timestamp").size());
        assertTrue(Files.list(f.keys.resolve("timestamp")).anyMatch(p -> p.getFileName().toString().startsWith(old + ".key.revoked")));
        // The new root is signed by the root keys, which did not change.
        assertEquals(1, RepoCheck.valid(repo.root, v1, "root"));
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString());
        repo = f.check();
        assertEquals(List.of(ids.get(0)), repo.timestamp.signatures().stream().map(s -> s.keyId()).toList());
    }

    @Test
    public void rootRotationIsSignedByTheOldAndTheNewKeys() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        String old = f.keyFiles("root").get(0).getFileName().toString().replace(".key", "");
        Path newKey = f.base.resolve("new-root.key");
        f.cli.ok("keygen", "--out", newKey.toString());
        f.cli.ok("rotate-key", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "root",
                "--new-key", newKey.toString(), "--revoke", old);
        RepoCheck repo = f.check();
        SignedMetadata v1 = repo.read("1.root.json");
        SignedMetadata v2 = repo.read("2.root.json");
        assertEquals(2, RepoCheck.version(v2));
        assertEquals(1, RepoCheck.valid(v2, v1, "root"));
        assertEquals(1, RepoCheck.valid(v2, v2, "root"));
        assertEquals(2, v2.signatures().size());
        assertFalse(RepoCheck.ids(v2.signed().path("roles").path("root")).contains(old));

        // The next root needs only the new key: the revoked one is out of use.
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "root");
        SignedMetadata v3 = new RepoCheck(f.repo).read("3.root.json");
        assertEquals(1, v3.signatures().size());
        assertEquals(1, RepoCheck.valid(v3, v2, "root"));
    }

    @Test
    public void missingKeysLeaveTheRepositoryUnchanged() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        Path pkg = f.pack("app", "1.0.0");
        Path snapshotKey = f.keyFiles("snapshot").get(0);
        Files.move(snapshotKey, f.base.resolve("away.key"));
        assertEquals(1, f.cli.run("add", "--repo", f.repo.toString(), "--keys", f.keys.toString(), pkg.toString()));
        assertTrue(f.cli.err, f.cli.err.contains("role snapshot needs 1 of its keys"));
        RepoCheck repo = f.check();
        assertEquals(1, RepoCheck.version(repo.targets));
        assertFalse(Files.exists(f.repo.resolve("targets/app")));
    }

    @Test
    public void deltasGetTheirOwnPathAndStatusListsEverything() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        f.add(f.pack("app", "1.1.0"));
        f.add(f.pack("app", "1.1.0", "--kind", "delta", "--delta-base", "1.0.0"));
        JsonNode delta = new RepoCheck(f.repo).targets.signed().path("targets").path("app/app-1.1.0.delta-1.0.0.updraft");
        assertEquals("delta", delta.path("custom").path("kind").asText());
        assertEquals("1.0.0", delta.path("custom").path("deltaBase").asText());
        String status = f.cli.ok("status", "--repo", f.repo.toString());
        assertTrue(status, status.contains("app/app-1.1.0.delta-1.0.0.updraft"));
        assertTrue(status, status.matches("(?s).*timestamp +3 +2030-01-02T00:00:00Z +1/1 .*"));
        f.cli.now = f.cli.now.plus(Duration.ofDays(2));
        assertEquals(1, f.cli.run("status", "--repo", f.repo.toString()));
        assertTrue(f.cli.out, f.cli.out.contains("EXPIRED"));
    }

    @Test
    public void aRootLeftBehindByAnInterruptedRunIsCompletedByTheNext() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath());
        byte[] v1 = Files.readAllBytes(f.repo.resolve("metadata/root.json"));
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "root");
        // As if the run had stopped after 2.root.json, before root.json.
        Files.write(f.repo.resolve("metadata/root.json"), v1);
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString());
        assertEquals(2, RepoCheck.version(f.check().root));
        f.cli.ok("resign", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "root");
        assertEquals(3, RepoCheck.version(f.check().root));
    }
}
