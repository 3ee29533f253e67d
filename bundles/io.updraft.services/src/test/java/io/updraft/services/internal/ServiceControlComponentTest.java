package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.ServiceSpec;
import io.updraft.install.ServiceStatus;

/** Units and commands in one component, through a systemctl that answers like systemd would. */
public class ServiceControlComponentTest extends Fixture {

    @Test
    public void unitsAndCommandsShareOneDependencyOrder() throws Exception {
        SystemdServicesTest.FakeRunner runner = new SystemdServicesTest.FakeRunner();
        ServiceControlComponent control = new ServiceControlComponent(settings(), runner, Optional.empty(),
                io.updraft.fs.Executables.findOnPath("setsid", System.getenv("PATH")), Backoff.DEFAULT);
        try {
            script("worker.sh", "sleep 1000");
            ServiceSpec db = new ServiceSpec("db", "robot-db.service", List.of(), Map.of(), List.of(),
                    Duration.ofSeconds(3));
            ServiceSpec worker = new ServiceSpec("worker", null, List.of("./worker.sh"), Map.of(), List.of("db"),
                    Duration.ofSeconds(3));
            ServiceSpec ui = new ServiceSpec("ui", "robot-ui.service", List.of(), Map.of(), List.of("worker"),
                    Duration.ofSeconds(3));
            ComponentSpec c = component(ui, worker, db);

            runner.answer(0, "").answer(0, "ActiveState=active\nSubState=running\n");
            runner.answer(0, "").answer(0, "ActiveState=active\nSubState=running\n");
            control.start(c, slot);
            assertEquals(List.of("restart robot-db.service", "show -p " + SystemdServices.PROPERTIES + " robot-db.service",
                    "restart robot-ui.service", "show -p " + SystemdServices.PROPERTIES + " robot-ui.service"),
                    runner.calls);

            runner.answer(0, "ActiveState=active\nSubState=running\nMainPID=77\n").answer(0, "ActiveState=active\n");
            List<ServiceStatus> st = control.status(c);
            assertEquals(List.of("systemd", "supervisor", "systemd"), st.stream().map(ServiceStatus::manager).toList());
            assertTrue(st.get(1).running());
            assertEquals(77, st.get(0).pid());

            runner.calls.clear();
            runner.answer(0, "").answer(0, "ActiveState=inactive\n");
            runner.answer(0, "").answer(0, "ActiveState=inactive\n");
            control.stop(c);
            assertEquals(List.of("stop robot-ui.service", "show -p " + SystemdServices.PROPERTIES + " robot-ui.service",
                    "stop robot-db.service", "show -p " + SystemdServices.PROPERTIES + " robot-db.service"), runner.calls);
            runner.answer(0, "ActiveState=inactive\n").answer(0, "ActiveState=inactive\n");
            assertEquals(List.of(false, false, false),
                    control.status(c).stream().map(ServiceStatus::running).toList());
        } finally {
            control.deactivate();
        }
    }
}
