package io.updraft.verifier.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.tuf.KeyType;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;

/**
 * The latest time a device has seen keeps expired metadata expired when the clock goes back, but a clock that once
 * read far ahead (a spoofed time server, a faulty RTC) must not lock the device out of every later update.
 */
public class TrustedTimeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestRepo repo;
    private MapTransport transport;
    private Path trust;
    private Path initialRoot;

    @Before
    public void setUp() throws Exception {
        repo = new TestRepo(KeyType.ED25519);
        // As in a real repository, the root outlives the short-lived roles.
        repo.expires = ROOT_EXPIRES;
        repo.publishRoot();
        repo.expires = TestRepo.NOW.plusSeconds(86_400 * 30);
        repo.addTarget("app/app-1.0.0.updraft", TestRepo.utf8("one"), Map.of("component", "app", "version", "1.0.0"));
        repo.publishAll();
        transport = new MapTransport(repo);
        trust = tmp.getRoot().toPath().resolve("trust");
        initialRoot = tmp.newFile("root.json").toPath();
        Files.write(initialRoot, repo.files.get("1.root.json"));
    }

    private static final Instant ROOT_EXPIRES = TestRepo.NOW.plusSeconds(86_400 * 365);

    private VerifierComponent at(Instant now) {
        return new VerifierComponent(trust, Limits.DEFAULTS, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    public void aClockThatOnceReadFarAheadDoesNotBlockFreshMetadataForever() throws Exception {
        at(TestRepo.NOW).refresh("production", initialRoot, transport);
        try {
            at(TestRepo.NOW.plusSeconds(86_400 * 200)).refresh("production", initialRoot, transport);
            fail("the timestamp must look expired to a clock reading 200 days ahead");
        } catch (VerificationException e) {
            assertEquals(Reason.EXPIRED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("timestamp version 1"));
        }
        // The clock is right again and the vendor has signed fresh metadata: the device must take it.
        repo.expires = TestRepo.NOW.plusSeconds(86_400 * 90);
        repo.publishAll();
        assertEquals(2, at(TestRepo.NOW).refresh("production", initialRoot, transport).timestampVersion());
    }

    @Test
    public void aClockSetBackStillSeesTheTrustedTimestampAsExpired() throws Exception {
        at(TestRepo.NOW).refresh("production", initialRoot, transport);
        try {
            at(repo.expires.plusSeconds(3600)).refresh("production", initialRoot, transport);
            fail("expired metadata must be refused");
        } catch (VerificationException e) {
            assertEquals(Reason.EXPIRED, e.reason());
        }
        try {
            at(TestRepo.NOW).refresh("production", initialRoot, transport);
            fail("a clock set back must not make the expired timestamp current again");
        } catch (VerificationException e) {
            assertEquals(Reason.EXPIRED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("trusted time " + repo.expires));
        }
    }

    @Test
    public void aTimeNoSignedMetadataVouchesForIsNotRecorded() throws Exception {
        try {
            at(Instant.parse("2099-01-01T00:00:00Z")).refresh("production", initialRoot, transport);
            fail("the root looks expired in 2099");
        } catch (VerificationException e) {
            assertEquals(Reason.EXPIRED, e.reason());
        }
        assertEquals(1, at(TestRepo.NOW).refresh("production", initialRoot, transport).timestampVersion());
    }
}
