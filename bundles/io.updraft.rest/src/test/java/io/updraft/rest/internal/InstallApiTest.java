package io.updraft.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.install.ComponentState;
import io.updraft.install.InstallException;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallStep;
import io.updraft.install.ServiceStatus;
import io.updraft.install.Snapshot;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Version;

/** {@code POST commit|rollback}, {@code GET history}, and what status and progress show of the installer. */
public class InstallApiTest extends InstallApiSupport {
    private static final Instant AT = FakeInstallService.AT;

    @Test
    public void commitAnswersTheRecord() throws Exception {
        installer.answer = FakeInstallService.record("u-42", InstallRecord.Action.INSTALL,
                InstallRecord.Outcome.SUCCEEDED, "");
        JsonNode r = ok(send("POST", "/commit", null));
        assertEquals("u-42", r.path("id").asText());
        assertEquals("INSTALL", r.path("action").asText());
        assertEquals("app", r.at("/changes/0/component").asText());
        assertEquals("1.0.0", r.at("/changes/0/from").asText());
        assertEquals("1.1.0", r.at("/changes/0/to").asText());
        assertTrue(r.toString(), r.at("/changes/1/from").isNull());
        assertEquals(AT.toString(), r.path("started").asText());
        assertEquals(AT.plusSeconds(42).toString(), r.path("finished").asText());
        assertEquals("SUCCEEDED", r.path("outcome").asText());
        assertEquals("", r.path("reason").asText());
        assertEquals("rest", r.path("by").asText());
        ok(send("POST", "/commit", "{}"));
        assertEquals(List.of("commit by rest", "commit by rest"), installer.calls);

        assertError(send("POST", "/commit", "{\"now\":true}"), 400, "bad_request", "unknown field 'now'");
        installer.answer = new InstallException(InstallException.Reason.NOTHING_TO_COMMIT, "no update is in trial");
        assertError(send("POST", "/commit", null), 409, "nothing_to_commit", "no update is in trial");
    }

    @Test
    public void rollbackBodiesChooseTheTrialAComponentOrASnapshot() throws Exception {
        installer.answer = FakeInstallService.record("rollback-7", InstallRecord.Action.ROLLBACK,
                InstallRecord.Outcome.SUCCEEDED, "");
        assertEquals("rollback-7", ok(send("POST", "/rollback", null)).path("id").asText());
        ok(send("POST", "/rollback", "{}"));
        ok(send("POST", "/rollback", "{\"component\":\"app\"}"));
        assertEquals("ROLLBACK", ok(send("POST", "/rollback",
                "{\"component\":\"app\",\"snapshot\":\"app-1.0.0-20261123T170102Z\"}")).path("action").asText());
        assertEquals(List.of("rollback null null by rest", "rollback null null by rest", "rollback app null by rest",
                "rollback app app-1.0.0-20261123T170102Z by rest"), installer.calls);
    }

    @Test
    public void badRollbackBodiesAre400NamingTheValue() throws Exception {
        String[][] cases = {
            {"{\"snapshot\":\"app-1\"}", "snapshot 'app-1' needs the component"},
            {"{\"component\":\"App/..\"}", "'App/..'"},
            {"{\"component\":\"app\",\"snapshot\":\"../x\"}", "snapshot '../x' is not a snapshot id"},
            {"{\"component\":7}", "component must be a string, got 7"},
            {"{\"component\":\"app\",\"force\":true,\"all\":1}", "unknown fields 'force', 'all'; allowed: component, snapshot"},
            {"[\"app\"]", "JSON object"},
            {"{\"component\":", "not JSON"},
        };
        for (String[] c : cases) {
            assertError(send("POST", "/rollback", c[0]), 400, "bad_request", c[1]);
        }
        assertTrue("nothing reached the installer: " + installer.calls, installer.calls.isEmpty());
    }

    @Test
    public void installerRefusalsMapToStatusAndCode() throws Exception {
        Object[][] cases = {
            {InstallException.Reason.NOTHING_TO_COMMIT, 409, "nothing_to_commit"},
            {InstallException.Reason.BUSY, 409, "busy"},
            {InstallException.Reason.UNKNOWN_COMPONENT, 404, "unknown_component"},
            {InstallException.Reason.NO_SNAPSHOT, 404, "no_snapshot"},
            {InstallException.Reason.BAD_PACKAGE, 422, "bad_package"},
            {InstallException.Reason.UNSAFE_ARCHIVE, 422, "unsafe_archive"},
            {InstallException.Reason.NO_SPACE, 500, "no_space"},
            {InstallException.Reason.SERVICE_FAILED, 500, "service_failed"},
            {InstallException.Reason.HEALTH_FAILED, 500, "health_failed"},
            {InstallException.Reason.VERIFY_FAILED, 500, "verify_failed"},
            {InstallException.Reason.IO, 500, "io"},
        };
        for (Object[] c : cases) {
            String message = "component app: " + c[0];
            installer.answer = new InstallException((InstallException.Reason) c[0], message);
            assertError(send("POST", "/rollback", "{\"component\":\"app\"}"), (int) c[1], (String) c[2], message);
            assertError(send("POST", "/commit", null), (int) c[1], (String) c[2], message);
        }
    }

    @Test
    public void historyAnswersTheNewestAttemptsUpToTheLimit() throws Exception {
        installer.history = List.of(
                FakeInstallService.record("u-43", InstallRecord.Action.INSTALL, InstallRecord.Outcome.ROLLED_BACK,
                        "health check web failed"),
                FakeInstallService.record("u-42", InstallRecord.Action.INSTALL, InstallRecord.Outcome.SUCCEEDED, ""));
        JsonNode h = ok(send("GET", "/history", null)).path("history");
        assertEquals(2, h.size());
        assertEquals("u-43", h.at("/0/id").asText());
        assertEquals("ROLLED_BACK", h.at("/0/outcome").asText());
        assertEquals("health check web failed", h.at("/0/reason").asText());
        assertEquals(1, ok(send("GET", "/history?limit=1", null)).path("history").size());
        assertEquals(List.of("history 20", "history 1"), installer.calls);
        for (String bad : new String[] {"0", "1001", "ten", "-1"}) {
            assertError(send("GET", "/history?limit=" + bad, null), 400, "bad_request", "limit '" + bad + "'");
        }
    }

    @Test
    public void progressAddsTheRunningInstall() throws Exception {
        JsonNode p = ok(send("GET", "/progress", null));
        assertTrue(p.toString(), p.path("install").isNull());
        assertTrue(p.toString(), p.path("offline").isNull());
        installer.progress = Optional.of(new InstallProgressView("u-42", InstallStep.HEALTH_CHECKS, "app", 512, 2048,
                AT.plusSeconds(300), AT));
        p = ok(send("GET", "/progress", null));
        JsonNode i = p.path("install");
        assertEquals("u-42", i.path("id").asText());
        assertEquals("HEALTH_CHECKS", i.path("step").asText());
        assertEquals("app", i.path("component").asText());
        assertEquals(512, i.path("done").asLong());
        assertEquals(2048, i.path("total").asLong());
        assertEquals(25, i.path("percent").asInt());
        assertEquals(AT.plusSeconds(300).toString(), i.path("trialDeadline").asText());
        assertEquals(AT.toString(), i.path("since").asText());
        assertEquals("", p.path("updateId").asText());

        installer.progress = Optional.of(new InstallProgressView("u-42", InstallStep.SWITCHING, "", 0, 0, null, AT));
        i = ok(send("GET", "/progress", null)).path("install");
        assertTrue(i.toString(), i.path("percent").isNull());
        assertTrue(i.toString(), i.path("trialDeadline").isNull());
    }

    @Test
    public void statusAddsSlotsServicesAndSnapshotsToTheComponents() throws Exception {
        state.recordInstalled(new InstalledComponent("app", Version.parse("1.1.0"), AT));
        state.recordInstalled(new InstalledComponent("docs", Version.parse("3.0.0"), AT));
        installer.components = List.of(
                new ComponentState("app", "archive", "b", Version.parse("1.1.0"), Version.parse("1.0.0"),
                        List.of(new ServiceStatus("app", "web", "systemd", true, 42, AT, 1, "active/running"),
                                new ServiceStatus("app", "worker", "supervisor", false, -1, null, 0, "exit 3")),
                        List.of(new Snapshot("app-1.0.0-20260601T120000Z", "app", Version.parse("1.0.0"), "archive",
                                AT, 4096, "ab".repeat(32), List.of("slot", "config")))),
                new ComponentState("firmware", "image", "a", Version.parse("7.0.0"), null, List.of(), List.of()));
        JsonNode c = ok(send("GET", "/status", null)).path("components");
        assertEquals(c.toString(), 3, c.size());
        JsonNode app = c.path(0);
        assertEquals("app", app.path("name").asText());
        assertEquals("1.1.0", app.path("version").asText());
        assertEquals(AT.toString(), app.path("installedAt").asText());
        assertEquals("archive", app.path("installKind").asText());
        assertEquals("b", app.path("activeSlot").asText());
        assertEquals("1.1.0", app.path("activeVersion").asText());
        assertEquals("1.0.0", app.path("rollbackVersion").asText());
        assertEquals("web", app.at("/services/0/name").asText());
        assertEquals("systemd", app.at("/services/0/manager").asText());
        assertTrue(app.at("/services/0/running").asBoolean());
        assertEquals(42, app.at("/services/0/pid").asLong());
        assertEquals(1, app.at("/services/0/restarts").asInt());
        assertTrue(app.toString(), app.at("/services/1/pid").isNull());
        assertTrue(app.toString(), app.at("/services/1/since").isNull());
        assertEquals("exit 3", app.at("/services/1/detail").asText());
        assertEquals("app-1.0.0-20260601T120000Z", app.at("/snapshots/0/id").asText());
        assertEquals("1.0.0", app.at("/snapshots/0/version").asText());
        assertEquals(4096, app.at("/snapshots/0/bytes").asLong());
        assertEquals("config", app.at("/snapshots/0/parts/1").asText());
        JsonNode docs = c.path(1);
        assertEquals("docs", docs.path("name").asText());
        assertFalse(docs.toString(), docs.has("activeSlot"));
        JsonNode firmware = c.path(2);
        assertEquals("firmware", firmware.path("name").asText());
        assertEquals("7.0.0", firmware.path("version").asText());
        assertTrue(firmware.toString(), firmware.path("installedAt").isNull());
        assertTrue(firmware.toString(), firmware.path("rollbackVersion").isNull());
    }

    @Test
    public void withoutInstallerItsEndpointsAre503AndStatusAndProgressStillWork() throws Exception {
        servlet.installer = null;
        assertError(send("POST", "/commit", null), 503, "unavailable", "installer");
        assertError(send("POST", "/rollback", "{\"component\":\"app\"}"), 503, "unavailable", "installer");
        assertError(send("GET", "/history", null), 503, "unavailable", "installer");
        state.recordInstalled(new InstalledComponent("app", Version.parse("1.1.0"), AT));
        JsonNode app = ok(send("GET", "/status", null)).at("/components/0");
        assertEquals("1.1.0", app.path("version").asText());
        assertFalse(app.toString(), app.has("activeSlot"));
        assertTrue(ok(send("GET", "/progress", null)).path("install").isNull());
        assertTrue(installer.calls.isEmpty());
    }

    @Test
    public void methodsAreChecked() throws Exception {
        assertError(send("GET", "/commit", null), 405, "method_not_allowed", "allowed: POST");
        assertError(send("GET", "/rollback", null), 405, "method_not_allowed", "allowed: POST");
        assertError(send("POST", "/history", null), 405, "method_not_allowed", "allowed: GET");
        assertTrue(installer.calls.isEmpty());
    }
}
