package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;

/** Power cuts in the last writes of an attempt, and plugins that fail while an attempt is planned. */
public class RecoveryEdgesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @Before
    public void setUp() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
    }

    @After
    public void tearDown() {
        fx.stop();
    }

    @Test
    public void aCommitCutOffBeforeItsHistoryRecordIsRecordedAsSucceededAndReported() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 1, 1)));
        Installer installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        InstallRecord r = cutOffAtTheEnd(installer, "u-7", "1.1.0");
        assertEquals(Outcome.SUCCEEDED, r.outcome());
        assertEquals(UpdateState.IDLE, fx.stateNow());
        assertEquals(List.of("u-7 true "), fx.scheduler.finished);
    }

    @Test
    public void aRollbackCutOffBeforeItsHistoryRecordIsRecordedAsRolledBackAndReported() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 1, 1)));
        Installer installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        InstallRecord r = cutOffAtTheEnd(installer, "u-8", "1.1.0-bad");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("health check app/ver failed"));
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertEquals(1, fx.scheduler.finished.size());
        assertTrue(fx.scheduler.finished.toString(), fx.scheduler.finished.get(0).startsWith("u-8 false health check app/ver"));
    }

    /**
     * Installs {@code version} as scheduled update {@code id}, then plays a power cut after its last journal entry and
     * state move but before its history record and the scheduler's hand-back; returns what the restart recorded.
     */
    private InstallRecord cutOffAtTheEnd(Installer installer, String id, String version) throws Exception {
        fx.scheduler.due(id, List.of(Offers.offer("app", version)), Map.of("app", fx.pkg("app", version)));
        fx.ready(id);
        installer.due(id);
        installer.awaitIdle();
        assertTrue(fx.steps(id).toString(), Journal.ENDS.contains(fx.steps(id).get(fx.steps(id).size() - 1)));
        UpdateState before = fx.stateNow();
        fx.stop();

        Path history = fx.home.resolve("state/install-history.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(history.toFile());
        ArrayNode records = (ArrayNode) json.get("records");
        ObjectNode last = (ObjectNode) records.get(records.size() - 1);
        assertEquals(id, last.get("id").textValue());
        last.put("outcome", "RUNNING");
        last.remove("finished");
        last.put("reason", "");
        Files.write(history, mapper.writeValueAsBytes(json));
        fx.scheduler.finished.clear();
        fx.scheduler.due(id, List.of(Offers.offer("app", version)), Map.of());

        fx.start();
        assertEquals("the recovery moves nothing", before, fx.stateNow());
        List<InstallRecord> all = fx.installer.history(50);
        assertEquals(all.toString(), 1, all.stream().filter(h -> h.id().equals(id)).count());
        return all.get(0);
    }

    /** A catalog with a bug: it throws instead of listing its components. */
    private static final class BrokenCatalog implements ComponentCatalog {
        @Override
        public String catalogName() {
            return "product broken";
        }

        @Override
        public List<ComponentSpec> components() {
            throw new IllegalStateException("product broken: descriptor unreadable");
        }
    }

    @Test
    public void aPluginThatThrowsWhileAnOfflineInstallIsPlannedFailsItCleanly() throws Exception {
        Installer installer = fx.start();
        fx.plugins.add(new BrokenCatalog());
        try {
            installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
            fail("installed with a broken catalog");
        } catch (InstallException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("descriptor unreadable"));
        }
        assertEquals(UpdateState.FAILED, fx.stateNow());
        InstallRecord r = installer.history(1).get(0);
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("descriptor unreadable"));
    }

    @Test
    public void aPluginThatThrowsWhileAScheduledInstallIsPlannedFailsItAndTellsTheScheduler() throws Exception {
        Installer installer = fx.start();
        fx.plugins.add(new BrokenCatalog());
        fx.scheduler.due("u-9", List.of(Offers.offer("app", "1.0.0")), Map.of("app", fx.pkg("app", "1.0.0")));
        fx.ready("u-9");
        installer.due("u-9");
        installer.awaitIdle();
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertEquals(Outcome.FAILED, installer.history(1).get(0).outcome());
        assertEquals(1, fx.scheduler.finished.size());
        assertTrue(fx.scheduler.finished.toString(), fx.scheduler.finished.get(0).startsWith("u-9 false ")
                && fx.scheduler.finished.get(0).contains("descriptor unreadable"));
    }
}
