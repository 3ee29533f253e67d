package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Telemetry in the distribution as shipped: the anonymizer active with the shipped rules, OTA events stored,
 * consent given and withdrawn through the shell and the REST API, a withdrawal purging what was stored, and the
 * telemetry files readable by their owner only.
 */
public class TelemetryJourneyIT {
    private static final String HTTP_PORT = "19481";
    private static final String SSH_PORT = "19401";
    private static final Pattern OTA_STORED = Pattern.compile("(?m)^ota\\s*\\t[^\\t]+\\t\\s*(\\d+)\\s*\\t");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Distribution device;

    @Before
    public void setUp() throws Exception {
        device = Distribution.unpack(tmp.getRoot().toPath(), HTTP_PORT, SSH_PORT);
    }

    @After
    public void tearDown() throws Exception {
        device.stop();
    }

    private int storedOta() throws Exception {
        String status = device.client("telemetry:status --no-format");
        Matcher m = OTA_STORED.matcher(status);
        assertTrue(status, m.find());
        return Integer.parseInt(m.group(1));
    }

    @Test
    public void consentThroughShellAndRestGovernsWhatIsStored() throws Exception {
        device.start();
        String token = device.waitForRest();
        // A check without a trust root fails, but its state changes are OTA events.
        device.clientMayFail("ota:check");
        int stored = 0;
        for (int i = 0; i < 40 && stored == 0; i++) {
            Thread.sleep(250);
            stored = storedOta();
        }
        assertTrue("OTA events are stored once the anonymizer has processed them", stored > 0);
        String status = device.client("telemetry:status --no-format");
        assertTrue(status, status.contains("anonymizer available"));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> got = http.send(device.request("telemetry/consent", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(got.body(), 200, got.statusCode());
        assertTrue(got.body(), got.body().contains("\"default_off\""));

        String granted = device.client("telemetry:consent --grant usage");
        assertTrue(granted, granted.matches("(?s).*usage\\s+[|]\\s+yes\\s+[|]\\s+granted.*"));

        HttpResponse<String> put = http.send(device.request("telemetry/consent", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"policyVersion\":1,\"withdraw\":[\"ota\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(put.body(), 200, put.statusCode());
        assertEquals("withdrawing consent purges what was stored", 0, storedOta());

        HttpResponse<String> bad = http.send(device.request("telemetry/consent", token)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"policyVersion\":1,\"grant\":[\"everything\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("everything"));

        Path telemetry = device.home.resolve("data/updraft/telemetry");
        try (Stream<Path> files = Files.walk(telemetry)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                assertTrue(f + " is " + perms, List.of("rw-------", "rwx------").contains(perms));
            }
        }
    }
}
