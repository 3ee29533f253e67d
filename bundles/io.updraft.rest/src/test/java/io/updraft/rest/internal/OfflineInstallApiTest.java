package io.updraft.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.install.InstallException;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallStep;

/** {@code POST install} with a package file: 202 at once, the install on its own thread, its outcome in progress. */
public class OfflineInstallApiTest extends InstallApiSupport {
    private Path pkg;

    @Before
    public void pkg() throws Exception {
        pkg = tmp.newFile("app-1.1.0.updraft").toPath();
        Files.writeString(pkg, "package");
    }

    private String body(String file) {
        return "{\"file\":\"" + file + "\"}";
    }

    /** Polls GET progress until the latest package install is no longer running. */
    private JsonNode ended() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode offline = ok(send("GET", "/progress", null)).path("offline");
            if (!offline.path("state").asText().equals("running")) {
                return offline;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the package install did not end");
    }

    @Test
    public void acceptedAt202ThenRunsAndItsOutcomeIsInProgress() throws Exception {
        installer.release = new CountDownLatch(1);
        installer.answer = FakeInstallService.record("offline-1", InstallRecord.Action.OFFLINE_INSTALL,
                InstallRecord.Outcome.SUCCEEDED, "");
        JsonNode accepted = status(send("POST", "/install", "{\"file\":\"" + pkg + "\",\"repository\":\"staging\"}"), 202);
        assertEquals(pkg.toString(), accepted.path("file").asText());
        assertEquals("staging", accepted.path("repository").asText());
        assertEquals("running", accepted.path("state").asText());
        assertEquals(ApiServlet.BASE + "/progress", accepted.path("progress").asText());

        JsonNode offline = ok(send("GET", "/progress", null)).path("offline");
        assertEquals("running", offline.path("state").asText());
        assertTrue(offline.toString(), offline.path("record").isNull());
        assertError(send("POST", "/install", body(pkg.toString())), 409, "busy", "is still being installed");

        installer.release.countDown();
        offline = ended();
        assertEquals("ended", offline.path("state").asText());
        assertEquals("offline-1", offline.at("/record/id").asText());
        assertEquals("OFFLINE_INSTALL", offline.at("/record/action").asText());
        assertEquals("SUCCEEDED", offline.at("/record/outcome").asText());
        assertTrue(offline.toString(), offline.path("error").isNull());
        assertEquals(List.of("installFile " + pkg + " staging by rest"), installer.calls);
        assertTrue("the scheduler is not asked: " + scheduler.calls, scheduler.calls.isEmpty());
    }

    @Test
    public void aRefusalOfTheInstallerShowsInProgress() throws Exception {
        installer.answer = new InstallException(InstallException.Reason.BAD_PACKAGE,
                "package " + pkg + " is not signed by a key of repository production");
        status(send("POST", "/install", body(pkg.toString())), 202);
        JsonNode offline = ended();
        assertEquals("refused", offline.path("state").asText());
        assertEquals("bad_package", offline.path("error").asText());
        assertTrue(offline.toString(), offline.path("message").asText().contains("not signed"));
        assertEquals("production", offline.path("repository").asText());
    }

    @Test
    public void aDeviceBusyInstallingIs409() throws Exception {
        installer.progress = Optional.of(new InstallProgressView("u-42", InstallStep.STAGING, "app", 0, 0, null,
                FakeInstallService.AT));
        assertError(send("POST", "/install", body(pkg.toString())), 409, "busy", "update u-42 is being installed");
        assertTrue(installer.calls.isEmpty());
    }

    @Test
    public void badFileBodiesAre400NamingTheValue() throws Exception {
        String[][] cases = {
            {body("app.updraft"), "file 'app.updraft' must be an absolute path"},
            {body(tmp.getRoot() + "/missing.updraft"), "file '" + tmp.getRoot() + "/missing.updraft' does not exist"},
            {body(tmp.getRoot().toString()), "is not a regular file"},
            {"{\"file\":\"" + pkg + "\",\"when\":\"now\"}", "does not go with when 'now'"},
            {"{\"file\":\"" + pkg + "\",\"decision\":\"deny\"}", "does not go with decision 'deny'"},
            {"{\"file\":\"" + pkg + "\",\"repository\":\"Prod/..\"}", "repository 'Prod/..' is not a repository name"},
            {"{\"file\":\"" + pkg + "\",\"force\":true,\"mode\":\"x\"}", "unknown fields 'force', 'mode'"},
            {"{\"file\":null}", "file must be a string, got null"},
            {"{\"when\":\"now\",\"repository\":\"staging\"}", "repository goes only with file"},
        };
        for (String[] c : cases) {
            assertError(send("POST", "/install", c[0]), 400, "bad_request", c[1]);
        }
        assertTrue(installer.calls.isEmpty());
        assertTrue(scheduler.calls.isEmpty());
    }

    @Test
    public void fileInstallsNeedTheInstallerNotTheScheduler() throws Exception {
        servlet.scheduler = null;
        installer.answer = FakeInstallService.record("offline-1", InstallRecord.Action.OFFLINE_INSTALL,
                InstallRecord.Outcome.ROLLED_BACK, "health check web failed");
        status(send("POST", "/install", body(pkg.toString())), 202);
        // Progress is the scheduler's; without it the outcome is in the installer's history.
        assertError(send("GET", "/progress", null), 503, "unavailable", "scheduler");
        assertError(send("POST", "/install", "{\"when\":\"now\"}"), 503, "unavailable", "scheduler");
        servlet.installer = null;
        assertError(send("POST", "/install", body(pkg.toString())), 503, "unavailable", "installer");
    }
}
