package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.updraft.telemetry.Category;

/** The forwarder against an OTLP/HTTP receiver over TLS on loopback that validates every request strictly. */
public class OtlpForwardingTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private static TestPki pki;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private OtlpReceiver receiver;
    private Harness harness;

    @BeforeClass
    public static void makePki() throws Exception {
        pki = new TestPki("Updraft Test CA");
    }

    @After
    public void stop() {
        if (harness != null) {
            harness.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private Harness harness(String token) throws Exception {
        receiver = new OtlpReceiver(pki.serverContext(pki.server(), false), false, token);
        harness = new Harness(tmp.newFolder("home").toPath(), "otlp-http", receiver.url());
        harness.config.put("caFile", pki.writeCa(tmp.getRoot().toPath().resolve("ca.pem")).toString());
        if (token != null) {
            Path file = tmp.getRoot().toPath().resolve("token");
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            harness.config.put("tokenFile", file.toString());
        }
        return harness;
    }

    static Map<String, AnyValue> attributes(List<KeyValue> list) {
        Map<String, AnyValue> m = new HashMap<>();
        list.forEach(kv -> m.put(kv.getKey(), kv.getValue()));
        return m;
    }

    @Test
    public void deliversEveryStreamAsValidOtlpWithIdsAndTypedValues() throws Exception {
        Harness h = harness("s3cr3t-token");
        h.store.append("telemetry.performance", T0, Fakes.event("e-1", T0, Category.PERFORMANCE, "sample",
                Map.of("cpu", Map.of("load", 0.75, "cores", 4L), "throttled", false, "zones", List.of("a", "b"))));
        h.store.append("telemetry.crash", T0, Fakes.event("e-2", T0, Category.CRASH, "exit", Map.of("service", "nav")));
        h.store.append("log", T0, Fakes.logEntry(T0, "WARN", "disk secret low", "java.io.IOException: full"));
        h.store.append("store.drops", T0, "{\"stream\":\"telemetry.usage\",\"records\":12}".getBytes(StandardCharsets.UTF_8));
        h.start();
        Harness.await("4 records", 10_000, () -> receiver.records().size() == 4);

        assertEquals(List.of(), receiver.schemaFailures);
        assertTrue(receiver.encodings.stream().allMatch("gzip"::equals));
        var resource = attributes(receiver.accepted.get(0).getResourceLogs(0).getResource().getAttributesList());
        assertEquals("updraft", resource.get("service.name").getStringValue());
        assertEquals("dev-4711", resource.get("host.id").getStringValue());
        assertEquals("robot", resource.get("updraft.product").getStringValue());
        assertEquals("rev-b", resource.get("updraft.hardware.revision").getStringValue());
        assertEquals("1.0.0", resource.get("service.version").getStringValue());

        Map<String, LogRecord> byStream = receiver.records().stream().collect(Collectors.toMap(
                r -> attributes(r.getAttributesList()).get("updraft.stream").getStringValue(), r -> r));
        LogRecord perf = byStream.get("telemetry.performance");
        var a = attributes(perf.getAttributesList());
        assertEquals("store-1/telemetry.performance/1", a.get("updraft.record.id").getStringValue());
        assertEquals(0.75, a.get("cpu.load").getDoubleValue(), 0);
        assertEquals(4, a.get("cpu.cores").getIntValue());
        assertEquals(false, a.get("throttled").getBoolValue());
        assertEquals("b", a.get("zones").getArrayValue().getValues(1).getStringValue());
        assertEquals("updraft.test.performance", a.get("updraft.schema").getStringValue());
        assertEquals("sample", perf.getBody().getStringValue());
        assertEquals("updraft.test.performance.sample", perf.getEventName());
        assertEquals(T0.getEpochSecond() * 1_000_000_000L + T0.getNano(), perf.getTimeUnixNano());
        assertTrue(perf.getObservedTimeUnixNano() > perf.getTimeUnixNano());
        assertEquals(9, perf.getSeverityNumberValue());

        assertEquals(17, byStream.get("telemetry.crash").getSeverityNumberValue());
        assertEquals("ERROR", byStream.get("telemetry.crash").getSeverityText());

        LogRecord log = byStream.get("log");
        assertEquals("disk [redacted] low", log.getBody().getStringValue());
        assertEquals(13, log.getSeverityNumberValue());
        assertEquals("java.io.IOException: full", attributes(log.getAttributesList()).get("exception.stacktrace")
                .getStringValue());
        assertEquals("", log.getEventName());

        var drops = attributes(byStream.get("store.drops").getAttributesList());
        assertEquals(12, drops.get("records").getIntValue());
        assertEquals("telemetry.usage", drops.get("stream").getStringValue());

        Harness.await("cursor", 5_000, () -> h.forwarder.status().behind() == 0);
        String cursor = Files.readString(h.settings().home().resolve("logforwarder/test/cursor.json"));
        assertTrue(cursor, cursor.contains("\"log\":1") && cursor.contains("\"store.drops\":1"));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(h.settings().home().resolve("logforwarder/test/cursor.json"))));
    }

    @Test
    public void retriesOverloadAndServerErrorsWithoutLoss() throws Exception {
        Harness h = harness(null);
        h.config.put("compression", "none");
        receiver.script.add(new OtlpReceiver.Answer(503, "{}", "0"));
        receiver.script.add(new OtlpReceiver.Answer(429, "{}", null));
        receiver.script.add(new OtlpReceiver.Answer(500, "oops", null));
        for (int i = 0; i < 30; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0.plusSeconds(i), "INFO", "entry " + i, null));
        }
        h.start();
        Harness.await("30 records", 10_000, () -> receiver.records().size() == 30);
        assertEquals(4, receiver.requests.get());
        assertEquals(3, h.forwarder.status().failures());
        assertEquals(List.of("null"), receiver.encodings);
        for (int i = 0; i < 30; i++) {
            assertEquals("entry " + i, receiver.records().get(i).getBody().getStringValue());
        }
    }

    @Test
    public void partialSuccessIsCountedAsRejectedAndNotSentAgain() throws Exception {
        Harness h = harness(null);
        receiver.script.add(new OtlpReceiver.Answer(200,
                "{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"too old\"}}", null));
        for (int i = 0; i < 5; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0, "INFO", "m" + i, null));
        }
        h.start();
        Harness.await("rejected counted", 10_000, () -> h.forwarder.status().rejected() == 2);
        // Caught up: the cursor passed the refused records, so they cannot go again.
        Harness.await("caught up", 10_000, () -> h.forwarder.status().state() == ForwarderStatus.State.CAUGHT_UP);
        assertEquals(1, receiver.requests.get());
        assertEquals(3, h.forwarder.status().delivered());
        assertEquals(0, h.forwarder.status().behind());
    }

    @Test
    public void aWrongCaIsRefusedAndNothingIsSent() throws Exception {
        Harness h = harness(null);
        TestPki other = new TestPki("Other CA");
        h.config.put("caFile", other.writeCa(tmp.getRoot().toPath().resolve("other.pem")).toString());
        h.store.append("log", T0, Fakes.logEntry(T0, "ERROR", "boom", null));
        h.start();
        Harness.await("failure", 10_000, () -> h.forwarder.status().failures() > 0);
        String error = h.forwarder.status().lastError();
        assertTrue(error, error.contains(receiver.url()) && error.contains("PKIX path building failed"));
        assertEquals(0, receiver.requests.get());
        assertEquals(1, h.forwarder.status().behind());
    }

    @Test
    public void aCertificateForAnotherHostIsRefused() throws Exception {
        receiver = new OtlpReceiver(pki.serverContext(pki.serverFor("collector.example.com"), false), false, null);
        harness = new Harness(tmp.newFolder("home").toPath(), "otlp-http", receiver.url());
        harness.config.put("caFile", pki.writeCa(tmp.getRoot().toPath().resolve("ca.pem")).toString());
        harness.store.append("log", T0, Fakes.logEntry(T0, "ERROR", "boom", null));
        harness.start();
        Harness.await("failure", 10_000, () -> harness.forwarder.status().failures() > 0);
        assertTrue(harness.forwarder.status().lastError(),
                harness.forwarder.status().lastError().contains("No subject alternative names matching IP address"));
        assertEquals(0, receiver.requests.get());
    }

    @Test
    public void mutualTlsPresentsTheClientCertificate() throws Exception {
        receiver = new OtlpReceiver(pki.serverContext(pki.server(), true), true, null);
        harness = new Harness(tmp.newFolder("home").toPath(), "otlp-http", receiver.url());
        Path dir = tmp.getRoot().toPath();
        harness.config.put("caFile", pki.writeCa(dir.resolve("ca.pem")).toString());
        TestPki.Issued client = pki.client("device-4711");
        harness.config.put("clientCertFile", TestPki.writeCertificate(client, dir.resolve("client.pem")).toString());
        harness.config.put("clientKeyFile", TestPki.writeKey(client, dir.resolve("client.key")).toString());
        harness.store.append("log", T0, Fakes.logEntry(T0, "INFO", "hello", null));
        harness.start();
        Harness.await("delivery", 10_000, () -> receiver.records().size() == 1);
        assertEquals(List.of(), receiver.schemaFailures);
    }

    @Test
    public void withoutItsClientCertificateTheCollectorRefusesTheConnection() throws Exception {
        receiver = new OtlpReceiver(pki.serverContext(pki.server(), true), true, null);
        harness = new Harness(tmp.newFolder("home").toPath(), "otlp-http", receiver.url());
        harness.config.put("caFile", pki.writeCa(tmp.getRoot().toPath().resolve("ca.pem")).toString());
        harness.store.append("log", T0, Fakes.logEntry(T0, "INFO", "hello", null));
        harness.start();
        Harness.await("failure", 10_000, () -> harness.forwarder.status().failures() > 0);
        assertEquals(0, receiver.records().size());
        assertEquals(1, harness.forwarder.status().behind());
    }
}
