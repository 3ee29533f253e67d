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

public class TufClientTest extends RefreshFixture {
    @Test
    public void acceptsAValidRepositoryAndPinsItsRoot() throws Exception {
        TrustedRepository trusted = refresh();
        assertEquals(1, trusted.rootVersion());
        assertEquals(1, trusted.timestampVersion());
        assertEquals(List.of("app/app-1.0.0.updraft"), trusted.targets().stream().map(TargetInfo::path).toList());
        assertEquals("app", trusted.targets().get(0).custom().get("component"));
        assertArrayEquals(repo.files.get("1.root.json"), stored("root"));
        assertEquals(TestRepo.NOW.plusSeconds(86_400 * 30), trusted.expires());
    }

    @Test
    public void unchangedSnapshotAndTargetsAreNotFetchedAgain() throws Exception {
        refresh();
        transport.requests.clear();
        refresh();
        assertEquals(List.of("2.root.json", "timestamp.json"), transport.requests);
    }

    @Test
    public void aLongRunningVerifierReusesCheckedTargetsOnlyWhileSnapshotAndTimeAllow() throws Exception {
        Instant[] now = {TestRepo.NOW};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        VerifierComponent verifier = new VerifierComponent(trust, Limits.DEFAULTS, clock);
        assertEquals(1, verifier.refresh("production", initialRoot, transport).targets().size());
        repo.publishTimestamp();
        transport.requests.clear();
        TrustedRepository same = verifier.refresh("production", initialRoot, transport);
        assertEquals(2, same.timestampVersion());
        assertEquals(1, same.targets().size());
        assertEquals(List.of("2.root.json", "timestamp.json"), transport.requests);
        repo.addTarget("app/app-1.1.0.updraft", TestRepo.utf8("two"), Map.of("component", "app", "version", "1.1.0"));
        repo.publishAll();
        assertEquals(2, verifier.refresh("production", initialRoot, transport).targets().size());
        // Targets expire before the timestamp: the remembered result must not outlive them.
        repo.expires = TestRepo.NOW.plusSeconds(3600);
        repo.publishTargets("targets");
        repo.expires = TestRepo.NOW.plusSeconds(86_400 * 30);
        repo.publishSnapshot();
        repo.publishTimestamp();
        verifier.refresh("production", initialRoot, transport);
        now[0] = TestRepo.NOW.plusSeconds(7200);
        try {
            verifier.refresh("production", initialRoot, transport);
            fail("expired targets must be refused even when nothing else changed");
        } catch (VerificationException e) {
            assertEquals(Reason.EXPIRED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("targets version 3"));
        }
    }

    @Test
    public void newTargetsAreSeenAfterTheRepositoryChanges() throws Exception {
        refresh();
        repo.addTarget("app/app-1.1.0.updraft", TestRepo.utf8("two"), Map.of("component", "app", "version", "1.1.0"));
        repo.publishAll();
        TrustedRepository trusted = refresh();
        assertEquals(2, trusted.targets().size());
        assertEquals(2, trusted.targetsVersion());
    }

    @Test
    public void consistentSnapshotsFetchVersionedNamesAndHashPrefixedTargets() throws Exception {
        repo.consistent = true;
        repo.publishRoot();
        repo.publishAll();
        transport.requests.clear();
        TrustedRepository trusted = refresh();
        assertTrue(trusted.consistentSnapshot());
        assertTrue(transport.requests.toString(), transport.requests.contains("2.snapshot.json"));
        assertTrue(transport.requests.toString(), transport.requests.contains("2.targets.json"));
        TargetInfo target = trusted.targets().get(0);
        assertEquals("app/" + target.hashes().get("sha256") + ".app-1.0.0.updraft", trusted.downloadPath(target));
    }

    @Test
    public void followsARootRotationChainSignedByOldAndNewKeys() throws Exception {
        refresh();
        TufSigner oldRoot = repo.keys.get("root").get(0);
        TufSigner newRoot = TufSigner.generate(KeyType.ECDSA_P256, TestRepo.RANDOM);
        repo.keys.put("root", List.of(newRoot));
        repo.publishRoot(List.of(oldRoot, newRoot));
        repo.publishRoot(List.of(newRoot));
        TrustedRepository trusted = refresh();
        assertEquals(3, trusted.rootVersion());
        assertArrayEquals(repo.files.get("3.root.json"), stored("root"));
    }

    @Test
    public void refusesARootNotSignedByThePreviousRootKeys() throws Exception {
        TufSigner attacker = TufSigner.generate(KeyType.ED25519, TestRepo.RANDOM);
        repo.keys.put("root", List.of(attacker));
        repo.publishRoot(List.of(attacker));
        expectRefused(Reason.SIGNATURE_THRESHOLD, "by the keys of trusted root 1");
        assertArrayEquals(repo.files.get("1.root.json"), stored("root"));
    }

    @Test
    public void arbitraryPackageWithABadHashIsRefused() throws Exception {
        TrustedRepository trusted = refresh();
        TargetInfo target = trusted.targets().get(0);
        try {
            verifier(TestRepo.NOW).verifyTarget(target, new ByteArrayInputStream(TestRepo.utf8("evil")));
            fail("a target of another length must be refused");
        } catch (VerificationException e) {
            assertEquals(Reason.TOO_LARGE, e.reason());
        }
        try {
            verifier(TestRepo.NOW).verifyTarget(target, new ByteArrayInputStream(TestRepo.utf8("owe")));
            fail("a target with another hash must be refused");
        } catch (VerificationException e) {
            assertEquals(Reason.HASH_MISMATCH, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("app/app-1.0.0.updraft"));
        }
        verifier(TestRepo.NOW).verifyTarget(target, new ByteArrayInputStream(TestRepo.utf8("one")));
    }

    @Test
    public void rollbackToAnOlderTimestampIsRefused() throws Exception {
        byte[] oldTimestamp = repo.files.get("timestamp.json");
        repo.publishAll();
        refresh();
        byte[] trustedTimestamp = stored("timestamp");
        repo.files.put("timestamp.json", oldTimestamp);
        expectAttackRefused(Reason.ROLLBACK, "timestamp version 1 is older than the trusted version 2");
        assertArrayEquals(trustedTimestamp, stored("timestamp"));
    }

    @Test
    public void rollbackOfTargetsInANewSnapshotIsRefused() throws Exception {
        repo.publishAll();
        refresh();
        // A snapshot that names the older targets version, freshly signed: only the version check catches it.
        repo.targetsVersions.put("targets", 1L);
        repo.publishSnapshot();
        repo.publishTimestamp();
        expectAttackRefused(Reason.ROLLBACK, "targets.json version 1, older than the trusted version 2", "timestamp");
    }

    @Test
    public void expiredTimestampIsAFreezeAttack() throws Exception {
        refresh();
        repo.publishTimestamp(TestRepo.exp(TestRepo.NOW.minusSeconds(1)));
        expectAttackRefused(Reason.EXPIRED, "timestamp version 2");
    }

    @Test
    public void mixAndMatchSnapshotIsRefused() throws Exception {
        refresh();
        byte[] snapshotV1 = repo.files.get("snapshot.json");
        repo.publishAll();
        // Timestamp 2 names snapshot 2, but the mirror serves snapshot 1.
        repo.files.put("snapshot.json", snapshotV1);
        expectAttackRefused(Reason.MIX_AND_MATCH, "snapshot.json", "timestamp");
    }

    @Test
    public void targetsOfAnotherVersionThanSnapshotNamesAreRefused() throws Exception {
        byte[] targetsV1 = repo.files.get("targets.json");
        repo.publishTargets("targets");
        repo.publishSnapshot();
        repo.publishTimestamp();
        repo.files.put("targets.json", targetsV1);
        expectAttackRefused(Reason.MIX_AND_MATCH, "targets version 1 but snapshot lists version 2", "root",
                "latest-time", "timestamp", "snapshot");
        assertFalse(Files.exists(trust.resolve("production/targets.json")));
    }

    @Test
    public void signaturesBelowThresholdAreRefused() throws Exception {
        repo.keys.get("timestamp").add(TufSigner.generate(KeyType.ED25519, TestRepo.RANDOM));
        repo.thresholds.put("timestamp", 2);
        repo.publishRoot();
        Files.write(initialRoot, repo.files.get("2.root.json"));
        List<TufSigner> both = repo.keys.get("timestamp");
        repo.keys.put("timestamp", List.of(both.get(0)));
        repo.publishTimestamp();
        repo.keys.put("timestamp", both);
        // First contact: the shipped root is pinned, nothing else is taken.
        expectAttackRefused(Reason.SIGNATURE_THRESHOLD, "1 valid signature(s) from authorized keys, threshold is 2",
                "root");
    }

    @Test
    public void theSameSignatureTwiceDoesNotMeetAThresholdOfTwo() throws Exception {
        repo.keys.get("timestamp").add(TufSigner.generate(KeyType.ED25519, TestRepo.RANDOM));
        repo.thresholds.put("timestamp", 2);
        repo.publishRoot();
        Files.write(initialRoot, repo.files.get("2.root.json"));
        TufSigner one = repo.keys.get("timestamp").get(0);
        List<TufSigner> both = repo.keys.get("timestamp");
        repo.keys.put("timestamp", List.of(one, one));
        repo.publishTimestamp();
        repo.keys.put("timestamp", both);
        expectAttackRefused(Reason.SIGNATURE_THRESHOLD, "threshold is 2", "root");
    }

    @Test
    public void aRevokedTimestampKeyIsRefusedAfterRotation() throws Exception {
        refresh();
        TufSigner revoked = repo.keys.get("timestamp").get(0);
        repo.keys.put("timestamp", List.of(TufSigner.generate(KeyType.ECDSA_P256, TestRepo.RANDOM)));
        repo.publishRoot();
        // The attacker holds the revoked key and signs a newer timestamp with it.
        repo.keys.put("timestamp", List.of(revoked));
        repo.publishTimestamp();
        // 5.3.11: the timestamp key changed, so timestamp and snapshot are dropped; the attacker's is not taken.
        expectAttackRefused(Reason.SIGNATURE_THRESHOLD, "timestamp version", "root", "timestamp", "snapshot");
        assertArrayEquals("the rotated root is kept", repo.files.get("2.root.json"), stored("root"));
        assertFalse("the timestamp signed by the old key is dropped, not replaced by the attacker's",
                Files.exists(trust.resolve("production/timestamp.json")));
    }

    @Test
    public void rotationRecoversFromAFastForwardedTimestamp() throws Exception {
        // An attacker with the timestamp key published a huge version; the vendor rotates the key.
        repo.timestampVersion = 1_000_000;
        repo.publishTimestamp();
        refresh();
        repo.keys.put("timestamp", List.of(TufSigner.generate(KeyType.ED25519, TestRepo.RANDOM)));
        repo.publishRoot();
        repo.timestampVersion = 1;
        repo.publishTimestamp();
        assertEquals(2, refresh().timestampVersion());
    }

    @Test
    public void endlessMetadataIsCutOff() throws Exception {
        refresh();
        repo.files.put("timestamp.json", new byte[64 * 1024]);
        expectAttackRefused(Reason.TOO_LARGE, "timestamp.json is larger than the allowed 16384 bytes");
    }

    @Test
    public void slowRetrievalIsReported() throws Exception {
        MetadataTransport slow = new MetadataTransport() {
            @Override
            public Optional<byte[]> fetchMetadata(String name, long max) throws IOException {
                if (name.equals("timestamp.json")) {
                    throw new SocketTimeoutException("no byte for 30 s");
                }
                return transport.fetchMetadata(name, max);
            }

            @Override
            public java.io.InputStream openTarget(String path, long max) throws IOException {
                return transport.openTarget(path, max);
            }
        };
        refresh();
        expectAttackRefused(Reason.SLOW_RETRIEVAL, "timestamp.json did not arrive in time", slow);
    }

    @Test
    public void noTrustRootMeansNoTrust() throws Exception {
        try {
            verifier(TestRepo.NOW).refresh("production", null, transport);
            fail();
        } catch (VerificationException e) {
            assertEquals(Reason.UNTRUSTED, e.reason());
        }
        assertFalse(Files.exists(trust.resolve("production/root.json")));
        try {
            verifier(TestRepo.NOW).refresh("production", tmp.getRoot().toPath().resolve("absent.json"), transport);
            fail();
        } catch (VerificationException e) {
            assertEquals(Reason.UNTRUSTED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("absent.json does not exist"));
        }
    }

    @Test
    public void badRepositoryIdsAreRefused() throws Exception {
        try {
            verifier(TestRepo.NOW).refresh("../etc", initialRoot, transport);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("'../etc'"));
        }
    }

    @Test
    public void fractionalSecondExpiryIsRead() throws Exception {
        repo.publishTimestamp("2030-01-01T00:00:00.123Z");
        assertEquals(Instant.parse("2026-12-23T12:00:00Z"), refresh().expires());
        repo.publishTimestamp("2030-01-01T00:00:00+01:00");
        expectRefused(Reason.MALFORMED, "is not of the form YYYY-MM-DDTHH:MM:SSZ");
    }
}
