package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceSpec;

public class SupervisorLaunchTest extends Fixture {

    @Test
    public void runsInTheSlotWithItsEnvironmentAndLogsOutput() throws Exception {
        Path out = tmp.getRoot().toPath().resolve("env");
        script("bin/env.sh", "echo \"$PWD|$UPDRAFT_COMPONENT|$UPDRAFT_SLOT|$GREETING\" > " + out
                + "\necho hello-stdout\necho hello-stderr >&2\nsleep 1000");
        ServiceSpec s = new ServiceSpec("env", null, List.of("bin/env.sh"), Map.of("GREETING", "hi there"), List.of(),
                Duration.ofSeconds(5));
        ComponentSpec c = component(s);
        control().start(c, slot);
        Path log = home.resolve("run/app/env.log");
        await("output", Duration.ofSeconds(15), () -> readOr(log, "").contains("hello-stderr"));
        String real = slot.toRealPath().toString();
        assertEquals(real + "|app|" + slot + "|hi there", Files.readString(out).strip());
        assertTrue(Files.readString(log).contains("hello-stdout"));
    }

    @Test
    public void bigLogIsRotatedAtStart() throws Exception {
        script("svc.sh", "echo fresh\nsleep 1000");
        Path dir = Files.createDirectories(home.resolve("run/app"));
        Files.write(dir.resolve("svc.log"), new byte[1024 * 1024 + 1]);
        ComponentSpec c = component(service("svc", List.of("./svc.sh")));
        control().start(c, slot);
        assertEquals(1024 * 1024 + 1, Files.size(dir.resolve("svc.log.1")));
        await("fresh log", Duration.ofSeconds(15), () -> readOr(dir.resolve("svc.log"), "").equals("fresh\n"));
    }

    @Test
    public void programOutsideTheSlotIsRefused() throws Exception {
        Path outside = tmp.newFile("evil.sh").toPath();
        Files.createSymbolicLink(slot.resolve("link.sh"), outside);
        for (String program : List.of("../evil.sh", "bin/../../evil.sh", "link.sh", "./link.sh", "./missing.sh")) {
            ComponentSpec c = component(service("svc", List.of(program)));
            try {
                control().start(c, slot);
                fail(program + " must be refused");
            } catch (InstallException e) {
                assertEquals(InstallException.Reason.SERVICE_FAILED, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("'" + program + "'"));
            }
        }
    }

    @Test
    public void slotMustBeADirectory() throws Exception {
        ComponentSpec c = component(service("svc", List.of("sleep", "1000")));
        try {
            control().start(c, slot.resolve("nope"));
            fail();
        } catch (InstallException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("nope"));
        }
    }

    @Test
    public void bareNamesAreTheSlotsFilesElseComeFromThePath() throws Exception {
        Path marks = tmp.getRoot().toPath().resolve("marks");
        script("run.sh", "echo slot-run >> " + marks + "\nsleep 1000");
        ComponentSpec c = component(service("sleeper", List.of("sleep", "1000")), service("run", List.of("run.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        assertTrue(control.status(c).get(0).running());
        assertTrue(control.status(c).get(1).running());
        await("slot script ran", Duration.ofSeconds(15), () -> readOr(marks, "").equals("slot-run\n"));
    }

    @Test
    public void cycleIsRefusedNamingTheServices() throws Exception {
        ComponentSpec c = component(service("a", List.of("sleep", "1"), "b"), service("b", List.of("sleep", "1"), "a"),
                service("c", List.of("sleep", "1")));
        try {
            control().start(c, slot);
            fail();
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.SERVICE_FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("a, b"));
        }
    }
}
