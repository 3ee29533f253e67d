package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.event.Event;
import org.osgi.util.converter.Converters;

import io.updraft.product.PowerMonitor;
import io.updraft.product.PowerStatus;
import io.updraft.scheduler.Schedule;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.CheckResult;
import io.updraft.update.DeviceStateService;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/** A scheduler on a temporary home with the real device state, fake downloader and verifier, and virtual time. */
final class Fixture {
    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    final Path home;
    final DeviceStateService state;
    final FakeDownloader downloader;
    final FakeVerifier verifier = new FakeVerifier();
    final FakeEventAdmin events = new FakeEventAdmin();
    /** While set, the scheduler's device state moves fail, as if the process died just before them. */
    final AtomicBoolean refuseMoves = new AtomicBoolean();
    final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE / 4);
    final AtomicReference<Optional<PowerStatus>> power = new AtomicReference<>(Optional.empty());
    final Map<String, Object> config = new HashMap<>();
    String product = "robot";
    ManualWorkThread thread;
    SchedulerComponent scheduler;

    Fixture(Path home) throws StateException {
        this.home = home;
        this.state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", home.toString())).to(DeviceStateComponent.Config.class));
        this.downloader = new FakeDownloader(home.resolve("downloads"));
        config.put("home", home.toString());
        config.put("timeZone", "UTC");
    }

    static Settings settings(Map<String, Object> properties) {
        return Settings.of(Converters.standardConverter().convert(properties).to(SchedulerConfig.class));
    }

    /** Starts a scheduler (again) on the home, at {@code now}, and runs what is due. */
    SchedulerComponent start(Instant now) throws IOException {
        thread = new ManualWorkThread(now);
        scheduler = new SchedulerComponent(settings(config), guarded(state), downloader, verifier, () -> product, thread,
                thread, dir -> freeBytes.get());
        scheduler.bindEventAdmin(events);
        PowerMonitor monitor = () -> power.get();
        scheduler.bindPowerMonitor(monitor);
        thread.runDue();
        return scheduler;
    }

    private DeviceStateService guarded(DeviceStateService real) {
        return (DeviceStateService) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DeviceStateService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("transition") && refuseMoves.get()) {
                        throw new StateException("device state move refused by the test");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    SchedulerComponent start() throws IOException {
        return start(START);
    }

    /** Stops the scheduler as a shutdown would; the home and device state stay. */
    void stop() {
        scheduler.deactivate();
    }

    static Offer offer(String component, String version, long length) {
        return new Offer(new Release(component, Version.parse(version), null, null, Release.Kind.FULL, null),
                "production", "https://updates.example/" + component + "-" + version + ".updraft", length,
                Map.of("sha256", "ab".repeat(32)), null, null, "archive",
                List.of("https://mirror.example/" + component + "-" + version + ".updraft"));
    }

    /** Does what the checker does for a successful check, then lets the scheduler take it. */
    void check(Offer... offers) throws StateException {
        for (Offer o : offers) {
            verifier.versions.put(o.release().component(), o.release().version());
        }
        state.transition(UpdateState.CHECKING, "", "test check");
        state.recordCheck(new CheckResult("production", thread.instant(), List.of(offers), List.of(), ""));
        state.transition(offers.length == 0 ? UpdateState.IDLE : UpdateState.UPDATE_AVAILABLE, "", "test check done");
        scheduler.handleEvent(new Event(SchedulerComponent.CHECK_TOPIC, Map.of("result", "ok")));
        thread.runDue();
    }

    Schedule schedule() {
        return scheduler.last();
    }

    UpdateState deviceState() {
        return state.status().state();
    }

    List<String> journalSteps(String updateId) throws StateException {
        List<String> steps = new ArrayList<>();
        state.journal(updateId).forEach(j -> steps.add(j.step()));
        return steps;
    }

    List<String> stages() {
        List<String> stages = new ArrayList<>();
        events.topic(io.updraft.scheduler.UpdateScheduler.SCHEDULE_TOPIC)
                .forEach(e -> stages.add((String) e.getProperty("stage")));
        return stages;
    }
}
