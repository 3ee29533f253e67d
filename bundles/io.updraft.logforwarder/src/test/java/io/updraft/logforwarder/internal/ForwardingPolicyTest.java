package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.updraft.product.NetworkStatus;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;

/** Network, metered, privacy and cursor rules, against a plain-http OTLP receiver on loopback. */
public class ForwardingPolicyTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private OtlpReceiver receiver;
    private Harness h;

    private Harness harness() throws Exception {
        receiver = new OtlpReceiver(null, false, null);
        h = new Harness(tmp.getRoot().toPath().resolve("home"), "otlp-http", receiver.url());
        return h;
    }

    @After
    public void stop() {
        if (h != null) {
            h.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private Set<String> ids() {
        return receiver.records().stream().map(r -> OtlpForwardingTest.attributes(r.getAttributesList())
                .get(Attributes.RECORD_ID).getStringValue()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    public void offlineNothingIsAttemptedUntilTheNetworkReturns() throws Exception {
        harness().network.set(new NetworkStatus(false, false, ""));
        h.store.append("log", T0, Fakes.logEntry(T0, "ERROR", "x", null));
        h.start();
        Harness.await("offline state", 5_000, () -> h.forwarder.status().state() == ForwarderStatus.State.OFFLINE);
        for (int i = 0; i < 3; i++) {
            h.awaitWholePass();
        }
        assertEquals(0, receiver.requests.get());
        h.network.set(NetworkStatus.ASSUMED);
        Harness.await("delivery", 5_000, () -> receiver.records().size() == 1);
    }

    @Test
    public void meteredCriticalSendsOnlyCrashesDropsAndWarnings() throws Exception {
        harness().network.set(new NetworkStatus(true, true, "wwan0"));
        h.store.append("telemetry.crash", T0, Fakes.event("c", T0, Category.CRASH, "exit", Map.of()));
        h.store.append("telemetry.performance", T0, Fakes.event("p", T0, Category.PERFORMANCE, "sample", Map.of()));
        h.store.append("store.drops", T0, "{\"records\":3}".getBytes());
        h.store.append("log", T0, Fakes.logEntry(T0, "INFO", "chatty", null));
        h.store.append("log", T0, Fakes.logEntry(T0, "WARN", "warning", null));
        h.start();
        Harness.await("critical records", 5_000, () -> receiver.records().size() == 3);
        // A whole pass after the last of them has sent whatever it would; every send waits for the receiver's answer.
        h.awaitWholePass();
        assertEquals(Set.of("store-1/telemetry.crash/1", "store-1/store.drops/1", "store-1/log/2"), ids());
        assertEquals(1, h.forwarder.status().meteredDropped());
        assertEquals(ForwarderStatus.State.METERED_WAIT, h.forwarder.status().state());
        h.network.set(new NetworkStatus(true, false, "eth0"));
        Harness.await("deferred stream", 5_000, () -> receiver.records().size() == 4);
        assertTrue(ids().contains("store-1/telemetry.performance/1"));
    }

    @Test
    public void meteredDeferSendsNothing() throws Exception {
        harness().network.set(new NetworkStatus(true, true, "wwan0"));
        h.config.put("meteredPolicy", "defer");
        h.store.append("telemetry.crash", T0, Fakes.event("c", T0, Category.CRASH, "exit", Map.of()));
        h.start();
        Harness.await("metered wait", 5_000, () -> h.forwarder.status().state() == ForwarderStatus.State.METERED_WAIT);
        assertEquals(0, receiver.requests.get());
    }

    @Test
    public void withoutAnAnonymizerTelemetryAndLogsWaitAndDropsGo() throws Exception {
        harness().anonymizer.set(null);
        h.store.append("telemetry.crash", T0, Fakes.event("c", T0, Category.CRASH, "exit", Map.of()));
        h.store.append("log", T0, Fakes.logEntry(T0, "ERROR", "x", null));
        h.store.append("store.drops", T0, "{\"records\":3}".getBytes());
        h.start();
        Harness.await("drops", 5_000, () -> receiver.records().size() == 1);
        Harness.await("held back", 5_000, () -> h.forwarder.status().state() == ForwarderStatus.State.HELD_BACK);
        assertEquals(Set.of("store-1/store.drops/1"), ids());
        h.anonymizer.set(new Fakes.ScrubbingAnonymizer(e -> false));
        Harness.await("the rest", 5_000, () -> receiver.records().size() == 3);
    }

    @Test
    public void kAnonymitySuppressedEventsAreCountedAndSkipped() throws Exception {
        harness().anonymizer.set(new Fakes.ScrubbingAnonymizer(e -> e.id().startsWith("rare")));
        h.store.append("telemetry.location", T0, Fakes.event("common-1", T0, Category.LOCATION, "fix", Map.of()));
        h.store.append("telemetry.location", T0, Fakes.event("rare-2", T0, Category.LOCATION, "fix", Map.of()));
        h.store.append("telemetry.location", T0, Fakes.event("common-3", T0, Category.LOCATION, "fix", Map.of()));
        h.start();
        Harness.await("caught up", 5_000, () -> h.forwarder.status().state() == ForwarderStatus.State.CAUGHT_UP);
        assertEquals(Set.of("store-1/telemetry.location/1", "store-1/telemetry.location/3"), ids());
        assertEquals(1, h.forwarder.status().suppressed());
    }

    @Test
    public void logEntriesNeedDiagnosticsConsentAndOnlyThoseAfterTheGrantGo() throws Exception {
        harness().consent.set(new Fakes.FixedConsent(Consent.Status.GRANTED, T0.plusSeconds(10)));
        h.store.append("log", T0, Fakes.logEntry(T0, "ERROR", "before the grant", null));
        h.store.append("log", T0, Fakes.logEntry(T0.plusSeconds(11), "ERROR", "after the grant", null));
        h.start();
        Harness.await("caught up", 5_000, () -> h.forwarder.status().state() == ForwarderStatus.State.CAUGHT_UP);
        assertEquals(Set.of("store-1/log/2"), ids());
        assertEquals(1, h.forwarder.status().withheld());
        h.consent.set(new Fakes.FixedConsent(Consent.Status.WITHDRAWN, T0.plusSeconds(20)));
        h.store.append("log", T0, Fakes.logEntry(T0.plusSeconds(30), "ERROR", "after withdrawal", null));
        Harness.await("withheld", 5_000, () -> h.forwarder.status().withheld() == 2);
        assertEquals(1, receiver.records().size());
    }

    @Test
    public void recordsTheStoreDroppedBeforeDeliveryAreCountedAsLost() throws Exception {
        harness();
        for (int i = 0; i < 10; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0, "INFO", "m" + i, null));
        }
        h.store.dropOldest("log", 4);
        h.start();
        Harness.await("delivery", 5_000, () -> receiver.records().size() == 6);
        assertEquals(4, h.forwarder.status().lost());
        assertEquals("store-1/log/5", OtlpForwardingTest.attributes(receiver.records().get(0).getAttributesList())
                .get(Attributes.RECORD_ID).getStringValue());
    }

    @Test
    public void aRestartResumesFromTheDurableCursorWithoutLossOrDuplicates() throws Exception {
        harness().config.put("batchMaxRecords", 50);
        for (int i = 0; i < 500; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0, "INFO", "m" + i, null));
        }
        h.start();
        Harness.await("some delivered", 10_000, () -> receiver.records().size() >= 100);
        h.stop();
        for (int i = 500; i < 700; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0, "INFO", "m" + i, null));
        }
        h.start();
        Harness.await("every record", 10_000, () -> ids().size() == 700);
        List<LogRecord> all = receiver.records();
        assertTrue("duplicates " + (all.size() - 700) + " exceed one batch", all.size() - 700 <= 50);
        assertEquals(700, ids().size());
    }
}
