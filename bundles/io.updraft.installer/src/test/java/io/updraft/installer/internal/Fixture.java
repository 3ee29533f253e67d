package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.converter.Converters;

import io.updraft.install.InstallRecord;
import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheckSpec;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;

/** A temp home with the real device state, test plugins and an installer built on them. */
final class Fixture {
    final Path home;
    final Map<String, Object> config = new HashMap<>();
    final Plugins plugins = new Plugins();
    final TreeInstaller archive = new TreeInstaller("archive");
    final TestPackages verifier = new TestPackages();
    final FakeScheduler scheduler = new FakeScheduler();
    final RecordingServices services = new RecordingServices();
    final MemorySnapshots snapshots = new MemorySnapshots();
    final List<Event> events = new CopyOnWriteArrayList<>();
    /** When set, posting an event throws, as a broken EventAdmin or handler could. */
    volatile boolean eventsFail;
    final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            if (eventsFail) {
                throw new IllegalStateException("event admin is broken");
            }
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }
    };
    /** The installer's wall clock; tests replace it to move the time under a running attempt. */
    Clock clock = Clock.systemUTC();
    DeviceStateComponent state;
    Installer installer;
    private int packages;

    Fixture(Path home) {
        this.home = home;
        config.put("home", home.toString());
        config.put("trustRoot", home.resolve("root.json").toString());
        plugins.add(archive);
        plugins.add(new VersionCheck());
    }

    /** Opens the device state and starts an installer (again) on the home; returns once its recovery ran. */
    Installer start() throws Exception {
        state = new DeviceStateComponent(Converters.standardConverter().convert(Map.of("home", home.toString()))
                .to(DeviceStateComponent.Config.class));
        installer = new Installer(Settings.of(Converters.standardConverter().convert(config).to(InstallerConfig.class)),
                state, verifier, scheduler, services, snapshots, plugins, () -> eventAdmin, clock,
                Duration.ZERO, Duration.ofSeconds(20));
        installer.start();
        installer.awaitIdle();
        return installer;
    }

    void stop() {
        if (installer != null) {
            installer.stop(Duration.ofSeconds(5));
        }
    }

    Path pkg(String component, String version, String kind, Map<String, String> files) throws IOException {
        Path dir = home.resolve("packages");
        Files.createDirectories(dir);
        return TestPackages.write(dir.resolve("p" + (++packages) + ".json"), component, version, kind, files);
    }

    Path pkg(String component, String version) throws IOException {
        return pkg(component, version, "archive", Map.of("bin/run.sh", "#!/bin/sh\necho " + component + " " + version + "\n",
                "etc/version", version + "\n", "lib/data.txt", component.repeat(50)));
    }

    void catalog(String name, ComponentSpec... specs) {
        List<ComponentSpec> list = List.of(specs);
        plugins.add(new ComponentCatalog() {
            @Override
            public String catalogName() {
                return name;
            }

            @Override
            public List<ComponentSpec> components() {
                return list;
            }
        });
    }

    static ComponentSpec checked(String name, Duration deadline, HealthCheckSpec... checks) {
        return new ComponentSpec(name, ComponentSpec.ARCHIVE, null, List.of(), List.of(checks), deadline, List.of(),
                List.of(), List.of(), Map.of(), null, null, Map.of());
    }

    static HealthCheckSpec versionCheck(String name, int successes, int failures) {
        return new HealthCheckSpec(name, "version", "etc/version", Map.of("sleepMs", "5"), Duration.ofMillis(20),
                Duration.ofSeconds(2), successes, failures);
    }

    List<String> steps(String id) throws StateException {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : state.journal(id)) {
            String c = e.details().getOrDefault("component", "");
            out.add(c.isEmpty() ? e.step() : e.step() + " " + c);
        }
        return out;
    }

    /**
     * Installs {@code version} of {@code component} without auto-commit and stops the installer once the trial has
     * begun, as a restart in the middle of a trial would; returns the record the cut-off call answered.
     */
    InstallRecord stopDuringTrial(String component, String version) throws Exception {
        stop();
        config.put("autoCommit", false);
        Installer waiting = start();
        Path next = pkg(component, version);
        java.util.concurrent.atomic.AtomicReference<InstallRecord> left = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                left.set(waiting.installFile(next, null, "test"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (stateNow() != UpdateState.AWAITING_COMMIT && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        stop();
        t.join(10_000);
        return left.get();
    }

    UpdateState stateNow() {
        return state.status().state();
    }

    Path current(String component) throws IOException {
        return Files.readSymbolicLink(home.resolve("components").resolve(component).resolve("current"));
    }

    /** Walks the device state to READY for a scheduled update, as the scheduler does. */
    void ready(String updateId) throws StateException {
        for (UpdateState s : List.of(UpdateState.CHECKING, UpdateState.UPDATE_AVAILABLE, UpdateState.DOWNLOADING,
                UpdateState.VERIFYING, UpdateState.READY)) {
            if (state.status().state() == UpdateState.FAILED && s == UpdateState.CHECKING
                    || state.status().state().canMoveTo(s)) {
                state.transition(s, updateId, "test");
            }
        }
    }
}
