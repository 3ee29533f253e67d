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

/** Delegated targets: paths, terminating delegations, nested chains, keys. */
public class DelegationSearchTest extends RefreshFixture {
    @Test
    public void delegatedTargetsAreTrustedWithinTheirPaths() throws Exception {
        repo.delegate("robot", List.of("robot/*"), true, KeyType.ECDSA_P256);
        repo.addTarget("robot", "robot/nav-2.0.0.updraft", TestRepo.utf8("nav"), Map.of("component", "nav"));
        repo.addTarget("robot", "headset/evil-9.9.9.updraft", TestRepo.utf8("evil"), Map.of("component", "evil"));
        repo.addTarget("robot", "robot/deep/x.updraft", TestRepo.utf8("x"), null);
        repo.publishAll();
        TrustedRepository trusted = refresh();
        assertEquals(List.of("app/app-1.0.0.updraft", "robot/nav-2.0.0.updraft"),
                trusted.targets().stream().map(TargetInfo::path).toList());
        assertEquals("robot", trusted.target("robot/nav-2.0.0.updraft").get().role());
    }

    @Test
    public void aTerminatingDelegationShadowsLaterOnes() throws Exception {
        repo.delegate("first", List.of("robot/*"), true, KeyType.ED25519);
        repo.delegate("second", List.of("robot/*"), false, KeyType.ED25519);
        repo.addTarget("first", "robot/a.updraft", TestRepo.utf8("a"), null);
        repo.addTarget("second", "robot/b.updraft", TestRepo.utf8("b"), null);
        repo.publishAll();
        assertEquals(List.of("app/app-1.0.0.updraft", "robot/a.updraft"),
                refresh().targets().stream().map(TargetInfo::path).toList());
    }

    @Test
    public void aNestedTerminatingDelegationEndsTheSearchOnlyWhereItsWholeChainReaches() throws Exception {
        // robot-team may publish robot/*; within it, robot-core is terminating for */a.updraft.
        repo.delegate("robot-team", List.of("robot/*"), false, KeyType.ED25519);
        repo.delegate("robot-team", "robot-core", List.of("*/a.updraft"), true, KeyType.ECDSA_P256);
        repo.delegate("headset-team", List.of("headset/*", "robot/*"), false, KeyType.ED25519);
        repo.addTarget("robot-core", "robot/a.updraft", TestRepo.utf8("core a"), null);
        repo.addTarget("headset-team", "headset/a.updraft", TestRepo.utf8("headset a"), null);
        repo.addTarget("headset-team", "robot/a.updraft", TestRepo.utf8("shadowed"), null);
        repo.publishAll();
        TrustedRepository trusted = refresh();
        assertEquals(List.of("app/app-1.0.0.updraft", "robot/a.updraft", "headset/a.updraft"),
                trusted.targets().stream().map(TargetInfo::path).toList());
        assertEquals("robot-core", trusted.target("robot/a.updraft").get().role());
        assertEquals("headset-team", trusted.target("headset/a.updraft").get().role());
    }

    @Test
    public void aDelegatedRoleSignedByTheWrongKeyIsRefused() throws Exception {
        repo.delegate("robot", List.of("robot/*"), false, KeyType.ED25519);
        repo.addTarget("robot", "robot/nav.updraft", TestRepo.utf8("nav"), null);
        repo.publishTargets("targets");
        repo.keys.put("robot", List.of(TufSigner.generate(KeyType.ED25519, TestRepo.RANDOM)));
        repo.publishTargets("robot");
        repo.publishSnapshot();
        repo.publishTimestamp();
        expectAttackRefused(Reason.SIGNATURE_THRESHOLD, "robot version 1", "root", "latest-time", "timestamp",
                "snapshot", "targets");
        assertFalse(Files.exists(trust.resolve("production/robot.json")));
    }
}
