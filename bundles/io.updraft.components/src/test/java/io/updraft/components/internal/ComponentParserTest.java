package io.updraft.components.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.ServiceSpec;

public class ComponentParserTest {

    /** The full example, as a .cfg file delivers it: every value a string. */
    static Map<String, Object> full() {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "hello");
        p.put("installer", "archive");
        p.put("link", "/opt/hello");
        p.put("trialDeadline", "2m");
        p.put("configPaths", "/etc/hello, /etc/hello.d");
        p.put("dataPaths", "/var/lib/hello");
        p.put("migrate", "bin/migrate-config --from-env");
        p.put("owner", "hello");
        p.put("group", "hello");
        p.put("services", "server, worker");
        p.put("service.server.command", "bin/hello-server  --port 8090");
        p.put("service.server.after", "worker");
        p.put("service.server.stopTimeout", "10s");
        p.put("service.server.env.GREETING", "hi");
        p.put("service.worker.unit", "hello.service");
        p.put("healthChecks", "alive, http, selftest");
        p.put("check.alive.type", "process");
        p.put("check.alive.target", "server");
        p.put("check.http.type", "http");
        p.put("check.http.target", "http://127.0.0.1:8090/health");
        p.put("check.http.interval", "1s");
        p.put("check.http.timeout", "5s");
        p.put("check.http.successes", "3");
        p.put("check.http.failures", "3");
        p.put("check.http.param.expectStatus", "200");
        p.put("check.selftest.type", "command");
        p.put("check.selftest.target", "bin/hello-server --self-test");
        p.put("property.maxExpansionRatio", "50");
        // What ConfigAdmin, FileInstall and SCR add.
        p.put("service.pid", "io.updraft.component~hello");
        p.put("service.factoryPid", "io.updraft.component");
        p.put("felix.fileinstall.filename", "file:/opt/updraft/etc/io.updraft.component-hello.cfg");
        p.put("component.name", "io.updraft.component");
        p.put("component.id", 42L);
        p.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        return p;
    }

    @Test
    public void theFullExampleBecomesTheExpectedSpec() {
        ComponentSpec expected = new ComponentSpec("hello", "archive", Path.of("/opt/hello"),
                List.of(new ServiceSpec("server", null, List.of("bin/hello-server", "--port", "8090"),
                                Map.of("GREETING", "hi"), List.of("worker"), Duration.ofSeconds(10)),
                        new ServiceSpec("worker", "hello.service", List.of(), Map.of(), List.of(), Duration.ofSeconds(10))),
                List.of(new HealthCheckSpec("alive", "process", "server", Map.of(), Duration.ofSeconds(2),
                                Duration.ofSeconds(5), 1, 3),
                        new HealthCheckSpec("http", "http", "http://127.0.0.1:8090/health", Map.of("expectStatus", "200"),
                                Duration.ofSeconds(1), Duration.ofSeconds(5), 3, 3),
                        new HealthCheckSpec("selftest", "command", "bin/hello-server --self-test", Map.of(),
                                Duration.ofSeconds(2), Duration.ofSeconds(5), 1, 3)),
                Duration.ofMinutes(2), List.of(Path.of("/etc/hello"), Path.of("/etc/hello.d")),
                List.of(Path.of("/var/lib/hello")), List.of("bin/migrate-config", "--from-env"), Map.of(), "hello",
                "hello", Map.of("maxExpansionRatio", "50"));
        assertEquals(expected, ComponentParser.parse(full()));
    }

    @Test
    public void defaults() {
        ComponentSpec spec = ComponentParser.parse(Map.of("name", "tiny"));
        assertEquals(ComponentSpec.plain("tiny", "archive"), spec);
        assertEquals(Duration.ofMinutes(5), spec.trialDeadline());
        assertNull(spec.link());

        Map<String, Object> p = new HashMap<>(Map.of("name", "tiny", "services", "s", "service.s.command", "run",
                "healthChecks", "c", "check.c.type", "command", "check.c.target", "true"));
        ComponentSpec withDefaults = ComponentParser.parse(p);
        assertEquals(Duration.ofSeconds(10), withDefaults.services().get(0).stopTimeout());
        HealthCheckSpec c = withDefaults.healthChecks().get(0);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5)), List.of(c.interval(), c.timeout()));
        assertEquals(List.of(1, 3), List.of(c.successThreshold(), c.failureThreshold()));
    }

    @Test
    public void imageComponentWithBothSlots() {
        ComponentSpec spec = ComponentParser.parse(Map.of("name", "rootfs", "installer", "image",
                "imageSlot.a", "/dev/mmcblk0p2", "imageSlot.b", "/dev/mmcblk0p3"));
        assertEquals(Map.of("a", Path.of("/dev/mmcblk0p2"), "b", Path.of("/dev/mmcblk0p3")), spec.imageSlots());
    }

    @Test
    public void valuesFromTypedSourcesAreAccepted() {
        Map<String, Object> p = new HashMap<>(full());
        p.put("configPaths", new String[] {"/etc/hello", "/etc/hello.d"});
        p.put("check.http.successes", 3);
        assertEquals(ComponentParser.parse(full()), ComponentParser.parse(p));
    }

    @Test
    public void theShippedExampleDeclaresAValidComponent() throws Exception {
        Properties cfg = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("../../config/io.updraft.component-hello.cfg.example"))) {
            cfg.load(r);
        }
        Map<String, Object> p = new HashMap<>();
        cfg.forEach((k, v) -> p.put((String) k, v));
        ComponentSpec spec = ComponentParser.parse(p);
        assertEquals("hello", spec.name());
        assertEquals(List.of("server", "worker"), spec.services().stream().map(ServiceSpec::name).toList());
        assertEquals(List.of("alive", "http", "selftest"), spec.healthChecks().stream().map(HealthCheckSpec::name).toList());
    }

    @Test
    public void misspeltAndStrayKeysAreRefusedByName() {
        assertRefused("servce.server.command", "bin/x", "'servce.server.command' is not recognised");
        assertRefused("check.http.tpye", "http", "'check.http.tpye' is not recognised");
        assertRefused("service.server.comand", "bin/x", "'service.server.comand' is not recognised");
        assertRefused("service.server", "x", "'service.server' is not recognised");
        assertRefused("service.db.command", "bin/db", "'service.db.command' is for service 'db', which services does not list");
        assertRefused("check.disk.type", "command", "'check.disk.type' is for check 'disk', which healthChecks does not list");
        assertRefused("trialdeadline", "2m", "'trialdeadline' is not recognised");
        assertRefused("property.", "x", "'property.' is not recognised");
        assertRefused("service.server.env.", "x", "'service.server.env.' is not recognised");
    }

    @Test
    public void badValuesAreRefusedByKeyAndValue() {
        assertRefused("name", "Hello World", "name: component name 'Hello World'");
        assertRefused("installer", "Tar Ball", "installer 'Tar Ball'");
        assertRefused("link", "opt/hello", "link 'opt/hello' must be an absolute path");
        assertRefused("trialDeadline", "soon", "trialDeadline 'soon' is not a duration");
        assertRefused("trialDeadline", "0s", "trial deadline must be positive");
        assertRefused("configPaths", "/etc/hello, etc/relative", "configPaths 'etc/relative'");
        assertRefused("dataPaths", "/var/lib/../hello", "dataPaths '/var/lib/../hello'");
        assertRefused("owner", "bad user", "owner 'bad user'");
        assertRefused("services", "server, worker, server", "services lists 'server' twice");
        assertRefused("services", "server, Worker", "services item 'Worker'");
        assertRefused("service.server.stopTimeout", "forever", "service.server.stopTimeout 'forever'");
        assertRefused("service.server.after", "db", "service.server.after 'db'");
        assertRefused("service.server.unit", "hello.service", "service server needs exactly one of service.server.command and service.server.unit");
        assertRefused("service.server.env.1BAD", "x", "'1BAD' is not an environment variable name");
        assertRefused("service.worker.after", "server", "cycle: server after worker after server");
        assertRefused("check.http.successes", "three", "check.http.successes 'three' is not a whole number");
        assertRefused("check.http.failures", "0", "check.http.failures '0' must be at least 1");
        assertRefused("check.http.interval", "1x", "check.http.interval '1x'");
        assertRefused("check.http.target", "ftp://host/x", "check.http.target 'ftp://host/x'");
        assertRefused("check.alive.target", "db", "check.alive.target 'db' must name one of the services");
        assertRefused("check.selftest.target", "", "check.selftest.target is required");
        assertRefused("check.http.type", "", "check.http.type is required");
        assertRefused("imageSlot.a", "/dev/mmcblk0p2", "imageSlot.a '/dev/mmcblk0p2' is only for installer = image");
        assertRefused("configPaths", new String[] {"/etc/a", "x"}, "configPaths 'x'");
        assertRefused("link", new String[] {"/a", "/b"}, "link [/a, /b] must be a single value");
    }

    @Test
    public void imageSlotsComeInPairsAndImagesHaveNoLink() {
        assertImageRefused(Map.of("imageSlot.a", "/dev/mmcblk0p2"), "imageSlot.b is missing");
        assertImageRefused(Map.of("link", "/opt/rootfs"), "link '/opt/rootfs' is for file trees");
        assertImageRefused(Map.of("imageSlot.a", "/dev/p2", "imageSlot.b", "dev/p3"), "imageSlot.b 'dev/p3'");
    }

    @Test
    public void aMissingNameIsRefused() {
        Map<String, Object> p = full();
        p.remove("name");
        assertMessage(p, "name is required");
    }

    private static void assertImageRefused(Map<String, String> extra, String named) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "rootfs", "installer", "image"));
        p.putAll(extra);
        assertMessage(p, named);
    }

    private static void assertRefused(String key, Object value, String named) {
        Map<String, Object> p = full();
        p.put(key, value);
        assertMessage(p, named);
    }

    private static void assertMessage(Map<String, Object> p, String named) {
        try {
            ComponentParser.parse(p);
            fail("accepted a configuration that should name: " + named);
        } catch (IllegalArgumentException e) {
            assertTrue("'" + e.getMessage() + "' should contain '" + named + "'", e.getMessage().contains(named));
        }
    }
}
