package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Log shipping over the distribution: a maker drops one destination file into etc/, and the runtime's own log and
 * its telemetry reach an OTLP/HTTP receiver (gzip, JSON) with the device's identity, through the consent and
 * anonymizer gates of the shipped configuration.
 */
public class LogShippingJourneyIT {
    private static final String HTTP_PORT = "19681";
    private static final String SSH_PORT = "19601";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private Distribution device;
    private HttpServer collector;

    @Before
    public void setUp() throws Exception {
        device = Distribution.unpack(tmp.newFolder("device").toPath(), HTTP_PORT, SSH_PORT);
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/logs", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                byte[] body = raw.readAllBytes();
                String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                if ("gzip".equals(encoding)) {
                    body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                }
                if (!"POST".equals(exchange.getRequestMethod())
                        || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                                .startsWith("application/json")) {
                    problems.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().entrySet());
                }
                bodies.add(json.readTree(body));
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("{}".getBytes());
            } catch (IOException | RuntimeException e) {
                problems.add(e.toString());
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        collector.start();
    }

    @After
    public void tearDown() throws Exception {
        if (device != null) {
            device.stop();
        }
        collector.stop(0);
    }

    @Test
    public void theRuntimeLogAndTelemetryReachACollector() throws Exception {
        // What a maker does: copy the shipped example, point it at the collector.
        Path example = device.home.resolve("etc/io.updraft.logforwarder-collector.cfg.example");
        assertTrue(example + " is shipped", Files.isRegularFile(example));
        Path destination = device.home.resolve("etc/io.updraft.logforwarder-collector.cfg");
        Files.copy(example, destination);
        Distribution.replaceLine(destination, "url",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/logs");
        Distribution.replaceLine(destination, "batchMaxDelay", "PT1S");
        device.start();
        device.waitForRest();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean log = false;
        boolean telemetry = false;
        while (System.nanoTime() < deadline && !(log && telemetry)) {
            for (JsonNode body : bodies) {
                for (JsonNode resourceLogs : body.path("resourceLogs")) {
                    for (JsonNode scope : resourceLogs.path("scopeLogs")) {
                        for (JsonNode record : scope.path("logRecords")) {
                            String stream = attribute(record, "updraft.stream");
                            log |= "log".equals(stream);
                            telemetry |= stream.startsWith("telemetry.");
                        }
                    }
                }
            }
            Thread.sleep(250);
        }
        assertEquals(List.of(), problems);
        assertTrue("no record of the runtime's log arrived; bodies: " + bodies.size(), log);
        assertTrue("no telemetry record arrived; bodies: " + bodies.size(), telemetry);
        JsonNode resource = bodies.get(0).path("resourceLogs").get(0).path("resource");
        assertEquals(resource.toString(), "updraft", resourceAttribute(resource, "service.name"));
        String status = device.client("ota:status --no-format");
        String deviceId = status.lines().filter(l -> l.startsWith("Device ID")).findFirst().orElse("");
        assertTrue(status, !deviceId.isEmpty() && resource.toString().contains(deviceId.split("\\s+")[2]));
    }

    private static String attribute(JsonNode record, String key) {
        for (JsonNode a : record.path("attributes")) {
            if (key.equals(a.path("key").asText())) {
                return a.path("value").path("stringValue").asText();
            }
        }
        return "";
    }

    private static String resourceAttribute(JsonNode resource, String key) {
        return attribute(resource, key);
    }
}
