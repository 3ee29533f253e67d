package io.updraft.telemetry.internal.consent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.Consent.Status;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.internal.MutableClock;

public class ConsentManagerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final List<Category> purged = new ArrayList<>();
    private Path dir;

    @Before
    public void setUp() throws Exception {
        dir = tmp.newFolder("telemetry").toPath();
    }

    private ConsentManager open(int policyVersion) throws Exception {
        return new ConsentManager(dir, new ConsentPolicy(policyVersion, Set.of(Category.DIAGNOSTICS, Category.OTA)),
                clock, c -> {
                    purged.add(c);
                    return 0;
                });
    }

    @Test
    public void personalCategoriesAreOffAndOthersFollowThePolicyUntilDecided() throws Exception {
        ConsentManager m = open(1);
        assertEquals(Status.DEFAULT_ON, m.consent(Category.DIAGNOSTICS).status());
        assertEquals(Status.DEFAULT_OFF, m.consent(Category.PERFORMANCE).status());
        assertFalse(m.allowed(Category.USAGE));
        assertFalse(m.allowed(Category.LOCATION));
        assertEquals(Category.values().length, m.consents().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConsentPolicy(1, Set.of(Category.LOCATION)));
        assertTrue(e.getMessage(), e.getMessage().contains("location"));
    }

    @Test
    public void decisionsPersistWithTimeAndPolicyVersionAndSurviveRestart() throws Exception {
        ConsentManager m = open(2);
        m.change(2, Set.of(Category.USAGE), Set.of(Category.DIAGNOSTICS));
        Path file = dir.resolve("consent.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ConsentManager again = open(2);
        Consent usage = again.consent(Category.USAGE);
        assertEquals(Status.GRANTED, usage.status());
        assertEquals(clock.instant(), usage.decidedAt());
        assertEquals(2, usage.policyVersion());
        assertEquals(Status.WITHDRAWN, again.consent(Category.DIAGNOSTICS).status());
        assertFalse(again.allowed(Category.DIAGNOSTICS));
        assertTrue(again.allowed(Category.OTA));
    }

    @Test
    public void policyBumpRequiresRenewalButKeepsWithdrawals() throws Exception {
        ConsentManager m = open(1);
        m.change(1, Set.of(Category.USAGE, Category.PERFORMANCE), Set.of(Category.OTA));
        ConsentManager bumped = open(2);
        assertEquals(Status.RENEWAL_REQUIRED, bumped.consent(Category.USAGE).status());
        assertFalse(bumped.allowed(Category.USAGE));
        assertFalse(bumped.allowed(Category.PERFORMANCE));
        assertEquals(Status.WITHDRAWN, bumped.consent(Category.OTA).status());

        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class,
                () -> bumped.change(1, Set.of(Category.USAGE), Set.of()));
        assertTrue(stale.getMessage(), stale.getMessage().contains("version 1") && stale.getMessage().contains("version 2"));
        clock.advance(Duration.ofMinutes(5));
        bumped.change(2, Set.of(Category.USAGE), Set.of());
        assertEquals(Status.GRANTED, bumped.consent(Category.USAGE).status());
        assertEquals(2, bumped.consent(Category.USAGE).policyVersion());

        // Live policy change, as ConfigAdmin would make it.
        bumped.policy(new ConsentPolicy(3, Set.of()));
        assertEquals(Status.RENEWAL_REQUIRED, bumped.consent(Category.USAGE).status());
        assertEquals(Status.DEFAULT_OFF, bumped.consent(Category.DIAGNOSTICS).status());
    }

    @Test
    public void withdrawalPurgesAndStopsAtOnce() throws Exception {
        ConsentManager m = open(1);
        m.change(1, Set.of(Category.LOCATION), Set.of());
        assertTrue(m.allowed(Category.LOCATION));
        m.change(1, Set.of(), Set.of(Category.LOCATION));
        assertFalse(m.allowed(Category.LOCATION));
        assertEquals(List.of(Category.LOCATION), purged);
        assertThrows(IllegalArgumentException.class,
                () -> m.change(1, Set.of(Category.USAGE), Set.of(Category.USAGE)));
    }

    @Test
    public void withdrawalWhosePurgeDidNotFinishIsPurgedAtTheNextStart() throws Exception {
        // The decision is on disk when the purge fails, as when the process dies between the two.
        ConsentManager failing = new ConsentManager(dir, new ConsentPolicy(1, Set.of(Category.OTA)), clock, c -> {
            throw new IOException("disk gone");
        });
        TelemetryException e = assertThrows(TelemetryException.class,
                () -> failing.change(1, Set.of(), Set.of(Category.OTA)));
        assertTrue(e.getMessage(), e.getMessage().contains("ota"));
        assertEquals(List.of(), purged);

        ConsentManager m = open(1);
        assertEquals(Status.WITHDRAWN, m.consent(Category.OTA).status());
        assertEquals(List.of(Category.OTA), purged);
    }

    @Test
    public void damagedFileIsKeptAsideAndNothingIsCollectedUntilDecidedAgain() throws Exception {
        open(1).change(1, Set.of(), Set.of(Category.OTA));
        Files.writeString(dir.resolve("consent.json"), "{\"schema\":\"updraft.telemetry.consent\",\"vers");
        ConsentManager m = open(1);
        for (Consent c : m.consents()) {
            assertFalse(c.category().id(), c.allowed());
            assertNull(c.decidedAt());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("consent.json.damaged-")).count());
        }
        // Still suspended after another restart: the lost decisions may have been withdrawals.
        assertFalse(open(1).allowed(Category.DIAGNOSTICS));
        m.change(1, Set.of(Category.DIAGNOSTICS), Set.of());
        assertTrue(open(1).allowed(Category.DIAGNOSTICS));
    }
}
