package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The release journey end to end with the distribution's own tools: a vendor signs a package and publishes it
 * with bin/updraft-publish, serves the repository on loopback, and the device's ota:check and POST check report
 * the update; a mirror that serves an older timestamp is refused and nothing is offered.
 */
public class CheckJourneyIT {
    private static final String HTTP_PORT = "19281";
    private static final String SSH_PORT = "19201";
    private static final String REPO_PORT = "19700";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Distribution device;
    private Vendor vendor;

    @Before
    public void setUp() throws Exception {
        device = Distribution.unpack(tmp.newFolder("device").toPath(), HTTP_PORT, SSH_PORT);
        vendor = new Vendor(device, tmp.getRoot().toPath(), REPO_PORT);
    }

    @After
    public void tearDown() throws Exception {
        vendor.close();
        if (device != null) {
            device.stop();
        }
    }

    @Test
    public void aPublishedReleaseIsReportedAndAnOlderTimestampIsRefused() throws Exception {
        vendor.init();
        Path app = tmp.newFolder("app").toPath();
        Files.writeString(app.resolve("run.sh"), "#!/bin/sh\necho hello\n");
        Path pkg = vendor.pkg("navigator", "2.1.0", app, tmp.getRoot().toPath().resolve("navigator-2.1.0.updraft"));
        byte[] oldTimestamp = Files.readAllBytes(vendor.repo.resolve("metadata/timestamp.json"));
        vendor.add(pkg);
        vendor.serve();
        vendor.trustedBy(device);
        Distribution.replaceLine(device.home.resolve("etc/io.updraft.checker.cfg"), "offerNewComponents", "true");
        // The update waits for the user's word, so the device stays at UPDATE_AVAILABLE for the checks below.
        Distribution.replaceLine(device.home.resolve("etc/io.updraft.scheduler.cfg"), "download", "confirm");

        device.start();
        String token = device.waitForRest();
        // Karaf reads the source's factory configuration from etc/ while other components already answer.
        String out = "";
        for (int i = 0; i < 60 && !out.contains("navigator"); i++) {
            out = device.clientMayFail("ota:check --no-format");
            assertTrue(out, out.contains("navigator") || out.contains("no_source"));
            Thread.sleep(out.contains("navigator") ? 0 : 500);
        }
        assertTrue(out, out.contains("navigator"));
        assertTrue(out, out.contains("2.1.0"));

        HttpResponse<String> checked = HttpClient.newHttpClient().send(
                device.request("check", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(checked.body(), 200, checked.statusCode());
        assertTrue(checked.body(), checked.body().contains("\"navigator\""));
        assertTrue(checked.body(), checked.body().contains("2.1.0"));
        String status = device.client("ota:status --no-format");
        assertTrue(status, status.contains("UPDATE_AVAILABLE"));

        // A mirror replays the timestamp from before the release: a rollback, refused with its reason.
        Files.write(vendor.repo.resolve("metadata/timestamp.json"), oldTimestamp);
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                device.request("check", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(refused.body(), 502, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("rollback"));
    }
}
