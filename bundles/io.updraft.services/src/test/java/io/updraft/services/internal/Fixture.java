package io.updraft.services.internal;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.ServiceSpec;

/** Real processes from shell scripts in a slot folder, and the service controls that ran them, ended after each test. */
abstract class Fixture {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    Path home;
    Path slot;
    private final List<ServiceControlComponent> controls = new ArrayList<>();
    private final List<ComponentSpec> started = new ArrayList<>();

    @Before
    public void makeSlot() throws IOException {
        home = tmp.newFolder("home").toPath();
        slot = tmp.newFolder("slot").toPath();
    }

    @After
    public void endEverything() throws Exception {
        for (ServiceControlComponent c : controls) {
            c.deactivate();
        }
        // A fresh instance finds every process the test left running, as the runtime would after a restart.
        ServiceControlComponent last = control();
        try {
            for (ComponentSpec c : started) {
                // Only the supervised services, without order: cycles and units (no systemd here) cannot fail it.
                List<ServiceSpec> commands = c.services().stream().filter(s -> !s.command().isEmpty())
                        .map(s -> new ServiceSpec(s.name(), null, s.command(), s.environment(), List.of(), s.stopTimeout()))
                        .toList();
                last.stop(new ComponentSpec(c.name(), c.installer(), null, commands, List.of(), c.trialDeadline(),
                        List.of(), List.of(), List.of(), Map.of(), null, null, Map.of()));
            }
        } finally {
            last.deactivate();
        }
    }

    /**
     * A start grace for tests whose service must fail its start: long enough that even on a loaded machine the
     * service's quick exit (setsid, sh, the script's first lines) always falls inside it.
     */
    static final Duration LONG_GRACE = Duration.ofSeconds(3);

    /** A service control on {@link #home}, as the runtime would make it after a (re)start. */
    ServiceControlComponent control() {
        return control(ServiceControlComponent.START_GRACE);
    }

    /** As {@link #control()}, with another start grace. */
    ServiceControlComponent control(Duration startGrace) {
        ServiceControlComponent c = new ServiceControlComponent(settings(), new ProcessCommandRunner(),
                Optional.of("no systemd in tests"), io.updraft.fs.Executables.findOnPath("setsid", System.getenv("PATH")),
                Backoff.DEFAULT, startGrace);
        controls.add(c);
        return c;
    }

    Settings settings() {
        return new Settings(home.resolve("run"), Duration.ofSeconds(10), 1024 * 1024);
    }

    /** Remembers the component so its services are stopped after the test. */
    ComponentSpec component(ServiceSpec... services) {
        ComponentSpec c = new ComponentSpec("app", ComponentSpec.ARCHIVE, null, Arrays.asList(services), List.of(),
                Duration.ofMinutes(1), List.of(), List.of(), List.of(), Map.of(), null, null, Map.of());
        started.add(c);
        return c;
    }

    static ServiceSpec service(String name, List<String> command, String... after) {
        return new ServiceSpec(name, null, command, Map.of(), List.of(after), Duration.ofSeconds(5));
    }

    static ServiceSpec service(String name, List<String> command, Duration stopTimeout) {
        return new ServiceSpec(name, null, command, Map.of(), List.of(), stopTimeout);
    }

    /** An executable {@code /bin/sh} script in the slot. */
    Path script(String name, String body) throws IOException {
        Path p = slot.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    Path record(String service) {
        return home.resolve("run").resolve("app").resolve(service + ".json");
    }

    static boolean alive(long pid) {
        return ProcStat.read(pid).map(ProcStat::alive).orElse(false);
    }

    static long readPid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String readOr(Path file, String otherwise) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return otherwise;
        }
    }
}
