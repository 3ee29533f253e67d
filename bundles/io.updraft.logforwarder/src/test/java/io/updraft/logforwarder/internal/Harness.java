package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.osgi.util.converter.Converters;

import io.updraft.product.DeviceIdentity;
import io.updraft.product.NetworkStatus;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;

/** A forwarder built as the component builds it, over a fake store and fake telemetry services. */
final class Harness implements AutoCloseable {
    static final DeviceIdentity DEVICE = new DeviceIdentity("dev-4711", "generated", "robot", "configured", "rev-b");

    final FakeLogStore store = new FakeLogStore("store-1");
    final AtomicReference<Anonymizer> anonymizer = new AtomicReference<>(new Fakes.ScrubbingAnonymizer(e -> false));
    final AtomicReference<ConsentService> consent = new AtomicReference<>(
            new Fakes.FixedConsent(Consent.Status.DEFAULT_ON, null));
    final AtomicReference<NetworkStatus> network = new AtomicReference<>(NetworkStatus.ASSUMED);
    /**
     * How often the forwarder asked for the network status, which it does once at the start of every pass: once it
     * grew by two, a whole pass ran in between, and whatever that pass would send has been sent.
     */
    final AtomicLong passes = new AtomicLong();
    final Map<String, Object> config = new HashMap<>();
    Forwarder forwarder;

    Harness(Path home, String protocol, String url) {
        config.put("name", "test");
        config.put("protocol", protocol);
        config.put("url", url);
        config.put("home", home.toString());
        config.put("batchMaxDelay", "50ms");
        config.put("retryDelay", "20ms");
        config.put("maxRetryDelay", "200ms");
        // Loopback: the relay reads within milliseconds; short enough for catching up thousands of records.
        config.put("confirmDelay", "250ms");
        config.put("timeout", "5s");
    }

    Settings settings() {
        return Settings.of(Converters.standardConverter().convert(config).to(ForwarderConfig.class));
    }

    Forwarder start() throws IOException {
        Settings s = settings();
        return start(Destinations.sender(s, DEVICE, "1.0.0", Clock.systemUTC()));
    }

    /** Starts the forwarder with the given sender instead of the one the settings name. */
    Forwarder start(Sender sender) {
        Settings s = settings();
        forwarder = Destinations.forwarder(s, store, sender, anonymizer::get, consent::get, () -> {
            passes.incrementAndGet();
            return network.get();
        }, Clock.systemUTC());
        forwarder.start();
        return forwarder;
    }

    void stop() {
        if (forwarder != null) {
            forwarder.close();
            forwarder = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until the forwarder has run a whole pass that began after this call. */
    void awaitWholePass() throws InterruptedException {
        long from = passes.get();
        await("a whole pass of the forwarder", 10_000, () -> passes.get() >= from + 2);
    }

    static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
