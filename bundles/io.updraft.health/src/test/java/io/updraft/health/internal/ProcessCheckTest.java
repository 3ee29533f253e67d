package io.updraft.health.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthResult;
import io.updraft.install.ServiceSpec;
import io.updraft.services.internal.ServiceControlComponent;
import io.updraft.services.internal.ServicesConfig;

/** Against the real supervisor, made as Declarative Services would make it. */
public class ProcessCheckTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ServiceControlComponent services;
    private ComponentSpec component;

    private ServiceControlComponent services() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("home", tmp.newFolder("home").getAbsolutePath());
        services = new ServiceControlComponent(Converters.standardConverter().convert(props).to(ServicesConfig.class));
        return services;
    }

    @After
    public void stopServices() throws Exception {
        if (services != null) {
            services.stop(component);
            deactivate(services);
        }
    }

    private static void deactivate(ServiceControlComponent c) throws Exception {
        var m = ServiceControlComponent.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(c);
    }

    private HealthResult check(ProcessCheck check, String target) {
        return check.check(component, Specs.check("process", target, Map.of(), Duration.ofSeconds(1)),
                tmp.getRoot().toPath(), Specs.VERSION);
    }

    @Test
    public void runningStoppedAndRestartedServices() throws Exception {
        component = Specs.component(new ServiceSpec("worker", null, List.of("sleep", "1000"), Map.of(), List.of(),
                Duration.ofSeconds(5)));
        ProcessCheck check = new ProcessCheck(services());

        HealthResult notStarted = check(check, "worker");
        assertFalse(notStarted.healthy());
        assertTrue(notStarted.detail(), notStarted.detail().startsWith("service worker is not running"));

        Path slot = tmp.newFolder("slot").toPath();
        services.start(component, slot);
        HealthResult running = check(check, "worker");
        long pid = services.status(component).get(0).pid();
        assertTrue(running.detail(), running.healthy());
        assertTrue(running.detail(), running.detail().contains("pid " + pid));

        // A crash: the supervisor brings it back, but the trial must see it.
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!(services.status(component).get(0).running() && services.status(component).get(0).restarts() == 1)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not restarted: " + services.status(component));
            }
            Thread.sleep(50);
        }
        HealthResult restarted = check(check, "worker");
        assertFalse(restarted.healthy());
        assertTrue(restarted.detail(), restarted.detail().contains("restarted 1 time"));

        services.stop(component);
        HealthResult stopped = check(check, "worker");
        assertFalse(stopped.healthy());
        assertTrue(stopped.detail(), stopped.detail().contains("not running (stopped)"));
    }

    @Test
    public void unknownServiceIsUnhealthy() throws Exception {
        component = Specs.component(new ServiceSpec("worker", null, List.of("sleep", "1000"), Map.of(), List.of(),
                Duration.ofSeconds(5)));
        HealthResult r = check(new ProcessCheck(services()), "planner");
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().contains("declares no service 'planner'"));
    }
}
