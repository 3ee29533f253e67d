package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;

/** The forwarder against a real rsyslogd over TLS (RFC 5425) on loopback. */
public class RsyslogForwardingTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
    /** One message, as RFC 5424 lays it out with our structured data element. */
    private static final Pattern MESSAGE = Pattern.compile("<(\\d+)>1 (\\S+) (\\S+) (\\S+) (\\d+) (\\S+) "
            + "\\[updraft@32473 id=\"([^\"]+)\" stream=\"([^\"]+)\" seq=\"(\\d+)\"\\] (.*)", Pattern.DOTALL);
    /** The feeder's records: the relay is stopped once the first are appended, while more keep coming. */
    private static final int RECORDS_BEFORE_STOP = 400;
    /** The feeder appends records from this one on only once the relay has stopped: they come during the outage. */
    private static final int RECORDS_HELD_FOR_OUTAGE = 1200;
    private static TestPki pki;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Rsyslog rsyslog;
    private Harness harness;

    @BeforeClass
    public static void makePki() throws Exception {
        assumeTrue("rsyslogd is not installed (.ci/run installs it)", Rsyslog.installed());
        pki = new TestPki("Updraft Test CA");
    }

    @After
    public void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    private Harness start(String authMode) throws Exception {
        rsyslog = new Rsyslog(tmp.newFolder("rsyslog").toPath(), pki, authMode);
        rsyslog.start();
        harness = new Harness(tmp.newFolder("home").toPath(), "syslog-tls", "tls://127.0.0.1:" + rsyslog.port());
        harness.config.put("caFile", tmp.getRoot().toPath().resolve("rsyslog/ca.pem").toString());
        harness.config.put("batchMaxRecords", 100);
        return harness;
    }

    /** The received messages by record id, each split into its RFC 5424 parts; fails on a malformed one. */
    private static Map<String, List<Matcher>> parse(List<String> raw) {
        Map<String, List<Matcher>> byId = new HashMap<>();
        for (String r : raw) {
            Matcher m = MESSAGE.matcher(r);
            assertTrue("not an RFC 5424 message as sent: " + r, m.matches());
            byId.computeIfAbsent(m.group(7), k -> new java.util.ArrayList<>()).add(m);
        }
        return byId;
    }

    @Test
    public void everyMessageArrivesExactlyAsSent() throws Exception {
        Harness h = start("anon");
        h.config.put("hostname", "robot-17");
        h.config.put("facility", "local3");
        h.store.append("log", T0, Fakes.logEntry(T0, "ERROR", "motor \\\"left\\\" stalled ] at 3 A",
                "java.lang.IllegalStateException: stall\\n\\tat Motor.run(Motor.java:42)"));
        h.store.append("log", T0.plusSeconds(1), Fakes.logEntry(T0.plusSeconds(1), "INFO", "Grüße, ünïcödé ✓", null));
        h.store.append("telemetry.crash", T0, Fakes.event("e-9", T0, Category.CRASH, "exit", Map.of("service", "nav")));
        h.start();
        Harness.await("3 messages at " + rsyslog, 15_000, () -> {
            try {
                return rsyslog.received().size() == 3;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Map<String, List<Matcher>> byId = parse(rsyslog.received());
        Matcher first = byId.get("store-1/log/1").get(0);
        assertEquals(String.valueOf(19 * 8 + 3), first.group(1));
        assertEquals("2025-03-01T10:00:00.123456Z", first.group(2));
        assertEquals("robot-17", first.group(3));
        assertEquals("updraft", first.group(4));
        assertEquals(Long.toString(ProcessHandle.current().pid()), first.group(5));
        assertEquals("log", first.group(6));
        assertEquals("1", first.group(9));
        assertEquals("motor \"left\" stalled ] at 3 A\njava.lang.IllegalStateException: stall\n\tat Motor.run(Motor.java:42)",
                first.group(10));
        Matcher second = byId.get("store-1/log/2").get(0);
        assertEquals(String.valueOf(19 * 8 + 6), second.group(1));
        assertEquals("Grüße, ünïcödé ✓", second.group(10));
        Matcher crash = byId.get("store-1/telemetry.crash/1").get(0);
        assertEquals(String.valueOf(19 * 8 + 3), crash.group(1));
        assertEquals("telemetry.crash", crash.group(6));
        assertEquals(new String(Fakes.event("e-9", T0, Category.CRASH, "exit", Map.of("service", "nav")),
                java.nio.charset.StandardCharsets.UTF_8), crash.group(10));
    }

    /**
     * A device producing 20 records a second (a busy robot: state changes, metrics, log lines) loses its relay for
     * three minutes: 3,600 records pile up in the store while rsyslog is down; after its restart all arrive, and at
     * most maxUnconfirmedRecords twice (the relay stops once, so one broken connection).
     */
    @Test
    public void aRelayOutageLosesNothingAndDuplicatesAtMostTheUnconfirmedWindow() throws Exception {
        Harness h = start("anon");
        h.config.put("maxUnconfirmedRecords", 1000);
        for (int i = 0; i < 250; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0.plusMillis(50L * i), "INFO", "before " + i, null));
        }
        h.start();
        Harness.await("250 messages", 20_000, () -> count() == 250);
        // Stop while a stream of records keeps coming: the outage starts in the middle of the traffic. Up to a point
        // the feeder goes on while the relay stops; after it, it waits for the stop, so that most records come
        // during the outage however the threads are scheduled.
        CountDownLatch trafficGoing = new CountDownLatch(1);
        CountDownLatch relayStopped = new CountDownLatch(1);
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < 3600; i++) {
                h.store.append("log", T0, Fakes.logEntry(T0.plusMillis(50L * (250 + i)), "INFO", "during " + i, null));
                if (i == RECORDS_BEFORE_STOP - 1) {
                    trafficGoing.countDown();
                }
                if (i == RECORDS_HELD_FOR_OUTAGE - 1) {
                    try {
                        relayStopped.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (i % 200 == 0) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        feeder.start();
        try {
            assertTrue("the feeder did not start", trafficGoing.await(20, TimeUnit.SECONDS));
            rsyslog.stop();
        } finally {
            relayStopped.countDown();
            feeder.join();
        }
        Harness.await("failures while the relay is down", 20_000, () -> h.forwarder.status().failures() > 0);
        int beforeRestart = distinct();
        assertTrue(beforeRestart + " of 3850 arrived before the restart; at most " + (250 + RECORDS_HELD_FOR_OUTAGE)
                + " were appended before the relay stopped", beforeRestart <= 250 + RECORDS_HELD_FOR_OUTAGE);
        rsyslog.start();
        try {
            Harness.await("every record", 60_000, () -> distinct() == 3850);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + whatArrived(3850), e);
        }
        Thread.sleep(500);
        Map<String, List<Matcher>> byId = parse(rsyslog.received());
        assertEquals(3850, byId.size());
        for (int i = 1; i <= 3850; i++) {
            assertTrue("record " + i + " missing", byId.containsKey("store-1/log/" + i));
        }
        int duplicates = rsyslog.received().size() - byId.size();
        int bound = h.settings().maxUnconfirmedRecords();
        assertTrue("duplicates " + duplicates + " exceed maxUnconfirmedRecords " + bound, duplicates <= bound);
        assertTrue("re-sent " + h.forwarder.status().resent() + " exceed " + bound, h.forwarder.status().resent() <= bound);
    }

    @Test
    public void mutualTlsWithACertificateTheRelayVerifies() throws Exception {
        Harness h = start("x509/certvalid");
        Path dir = tmp.getRoot().toPath();
        TestPki.Issued client = pki.client("device-4711");
        h.config.put("clientCertFile", TestPki.writeCertificate(client, dir.resolve("client.pem")).toString());
        h.config.put("clientKeyFile", TestPki.writeKey(client, dir.resolve("client.key")).toString());
        h.store.append("log", T0, Fakes.logEntry(T0, "WARN", "authenticated", null));
        h.start();
        Harness.await("1 message", 15_000, () -> count() == 1);
        assertTrue(rsyslog.received().get(0).endsWith("] authenticated"));
    }

    @Test
    public void withoutAClientCertificateTheVerifyingRelayTakesNothing() throws Exception {
        Harness h = start("x509/certvalid");
        h.store.append("log", T0, Fakes.logEntry(T0, "WARN", "anonymous", null));
        h.start();
        // Turned away: the handshake or the write fails, or the probe finds the connection closed under the batch.
        Harness.await("the relay to turn the forwarder away", 15_000,
                () -> h.forwarder.status().failures() > 0 || h.forwarder.status().resent() > 0);
        assertEquals(0, count());
    }

    /** What arrived and what not, with the forwarder's view, for a failure message. */
    private String whatArrived(int expected) throws Exception {
        Map<String, List<Matcher>> byId = parse(rsyslog.received());
        StringBuilder missing = new StringBuilder();
        int absent = 0;
        for (int i = 1; i <= expected; i++) {
            if (!byId.containsKey("store-1/log/" + i)) {
                int from = i;
                while (i < expected && !byId.containsKey("store-1/log/" + (i + 1))) {
                    i++;
                }
                absent += i - from + 1;
                missing.append(from == i ? " " + from : " " + from + "-" + i);
            }
        }
        return byId.size() + " distinct of " + rsyslog.received().size() + " received, " + absent + " missing:"
                + missing + "; status " + harness.forwarder.status() + "; cursor "
                + java.nio.file.Files.readString(Forwarder.cursorDir(harness.settings()).resolve("cursor.json"))
                + "; rsyslogd said: " + rsyslog.diagnostics();
    }

    private int count() {
        try {
            return rsyslog.received().size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int distinct() {
        try {
            return (int) rsyslog.received().stream().map(r -> {
                Matcher m = MESSAGE.matcher(r);
                return m.matches() ? m.group(7) : r;
            }).distinct().count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
