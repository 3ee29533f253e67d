package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentSpec;
import io.updraft.install.ComponentState;
import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.install.InstallService;
import io.updraft.install.ServiceControl;
import io.updraft.update.DeviceStateService;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/**
 * The update cycle inside the assembled runtime, driven through its OSGi services and shell: a maker's signed
 * repository (made with the distribution's release tool before the device boots, its first root shipped in the
 * device's {@code etc}), a component declared in configuration with a supervised service, a process check and a
 * self-test. 1.0.0 is installed from a package file; 1.1.0 is checked, downloaded, verified, installed into the other
 * slot, health-checked and committed; a broken 1.2.0 is rolled back automatically, its service restarted at 1.1.0,
 * and every attempt is in the history, the install events and the REST API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpdateCycleIT extends UpdraftTestSupport {
    private static final String REPO_PORT = "19730";
    private static final String WORK = "updraft.itest.updateCycle";

    @Inject
    InstallService installer;

    @Inject
    DeviceStateService state;

    @Inject
    ServiceControl services;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs on the test driver before the runtime is started: the maker's side and the device's provisioning. */
    @Override
    @Configuration
    public Option[] config() {
        try {
            Path work = Path.of("target/update-cycle").toAbsolutePath();
            if (Files.exists(work)) {
                Distribution.run(List.of("rm", "-rf", work.toString()), null, 60);
            }
            Path tool = releaseTool(work.resolve("tool"));
            Vendor vendor = new Vendor(tool, work, REPO_PORT).init();
            vendor.hello(work, "1.0.0", false);
            vendor.hello(work, "1.1.0", false);
            vendor.hello(work, "1.2.0", true);
            Files.createDirectories(work.resolve("opt"));
            Path component = work.resolve("io.updraft.component-hello.cfg");
            Files.writeString(component, Vendor.helloComponent(work.resolve("opt/hello")));

            List<Option> options = new ArrayList<>(List.of(super.config()));
            String source = "etc/io.updraft.source.repository-production.cfg";
            String scheduler = "etc/io.updraft.scheduler.cfg";
            options.addAll(List.of(
                    replaceConfigurationFile("etc/updraft-trust/production-root.json",
                            vendor.repo.resolve("metadata/1.root.json").toFile()),
                    replaceConfigurationFile("etc/io.updraft.component-hello.cfg", component.toFile()),
                    editConfigurationFilePut(source, "metadataUrl", "http://127.0.0.1:" + REPO_PORT + "/metadata/"),
                    editConfigurationFilePut(source, "targetsUrl", "http://127.0.0.1:" + REPO_PORT + "/targets/"),
                    editConfigurationFilePut(scheduler, "install", "now"),
                    editConfigurationFilePut(scheduler, "productPolicies", ""),
                    editConfigurationFilePut("etc/system.properties", WORK, work.toString()),
                    editConfigurationFilePut("etc/system.properties", WORK + ".tool", tool.toString())));
            return options.toArray(new Option[0]);
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the maker's repository: " + e.getMessage(), e);
        }
    }

    /** The release tool from the built distribution, unpacked on its own. */
    private static Path releaseTool(Path into) throws Exception {
        String assembly = System.getProperty("updraft.assembly");
        assertTrue("updraft.assembly must name the built tar.gz, got " + assembly,
                assembly != null && new File(assembly).isFile());
        Files.createDirectories(into);
        Distribution.run(List.of("tar", "-xzf", assembly, "-C", into.toString(), "--wildcards",
                "*/bin/updraft-publish", "*/lib/updraft-publish.jar"), null, 60);
        try (Stream<Path> files = Files.walk(into)) {
            return files.filter(f -> f.endsWith("bin/updraft-publish")).findFirst().orElseThrow();
        }
    }

    @Test
    public void updateCommitsAndABrokenReleaseRollsBack() throws Exception {
        Path work = Path.of(System.getProperty(WORK));
        Path link = work.resolve("opt/hello");
        List<Map<String, Object>> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> listener = listen(results);
        try (Vendor vendor = new Vendor(Path.of(System.getProperty(WORK + ".tool")), work, REPO_PORT)) {
            // 1.0.0 from a package file, verified against the shipped root, once the component's catalog is up.
            InstallRecord first = installWhenDeclared(work.resolve("hello-1.0.0.updraft"));
            assertEquals(first.toString(), Outcome.SUCCEEDED, first.outcome());
            assertEquals("hello from 1.0.0", run(link));
            assertHello(Version.parse("1.0.0"), null);

            // 1.1.0 through the repository: check, download, verify, install, health checks, commit.
            vendor.add(work.resolve("hello-1.1.0.updraft"));
            vendor.serve();
            checkUntilOffered("1.1.0");
            InstallRecord update = awaitNewest("commit of 1.1.0", r -> is(r, "1.1.0", Outcome.SUCCEEDED));
            assertEquals("hello from 1.1.0", run(link));
            assertEquals(UpdateState.IDLE, state.status().state());
            ComponentState hello = assertHello(Version.parse("1.1.0"), Version.parse("1.0.0"));
            assertTrue("a snapshot of 1.0.0 was taken before the switch: " + hello.snapshots(),
                    hello.snapshots().stream().anyMatch(s -> s.version().equals(Version.parse("1.0.0"))));
            assertResultEvent(results, update, Outcome.SUCCEEDED);

            // 1.2.0 is broken: its service dies and its self-test fails; the device goes back to 1.1.0 by itself.
            vendor.add(work.resolve("hello-1.2.0.updraft"));
            checkUntilOffered("1.2.0");
            InstallRecord broken = awaitNewest("rollback of 1.2.0", r -> is(r, "1.2.0", Outcome.ROLLED_BACK));
            assertTrue(broken.reason(), broken.reason().contains("server") || broken.reason().contains("selftest"));
            assertEquals("hello from 1.1.0", run(link));
            assertEquals(UpdateState.FAILED, state.status().state());
            assertHello(Version.parse("1.1.0"), null);
            assertResultEvent(results, broken, Outcome.ROLLED_BACK);

            // What a field engineer and the device UI see of it.
            String history = shell("ota:history --no-format");
            assertTrue(history, history.contains("ROLLED_BACK") && history.contains("SUCCEEDED")
                    && history.contains("1.2.0"));
            String status = shell("ota:status --no-format");
            assertTrue(status, status.contains("hello") && status.contains("1.1.0"));
            JsonNode rest = restGet("history?limit=5");
            assertEquals(rest.toString(), "ROLLED_BACK", rest.at("/history/0/outcome").asText());
            assertEquals(rest.toString(), broken.reason(), rest.at("/history/0/reason").asText());
        } finally {
            listener.unregister();
            stopHello();
        }
    }

    /** Checks until the repository offers {@code version} (a check may come before the new metadata is served). */
    private void checkUntilOffered(String version) throws Exception {
        String check = "";
        for (int i = 0; i < 60 && !check.contains(version); i++) {
            check = shell("ota:check --no-format");
            Thread.sleep(check.contains(version) ? 0 : 500);
        }
        assertTrue(check, check.contains(version));
    }

    /**
     * Supervised services outlive the runtime by design: the journey stops hello's through the runtime's own service
     * control, as declared by its catalog, so that nothing is left running on the machine.
     */
    private void stopHello() throws Exception {
        for (ServiceReference<ComponentCatalog> ref : bundleContext.getServiceReferences(ComponentCatalog.class, null)) {
            ComponentCatalog catalog = bundleContext.getService(ref);
            try {
                for (ComponentSpec spec : catalog.components()) {
                    if (spec.name().equals("hello")) {
                        services.stop(spec);
                    }
                }
            } finally {
                bundleContext.ungetService(ref);
            }
        }
    }

    private ServiceRegistration<EventHandler> listen(List<Map<String, Object>> results) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, InstallService.RESULT_TOPIC);
        return bundleContext.registerService(EventHandler.class, (Event e) -> {
            Map<String, Object> m = new ConcurrentHashMap<>();
            for (String name : e.getPropertyNames()) {
                if (e.getProperty(name) != null) {
                    m.put(name, e.getProperty(name));
                }
            }
            results.add(m);
        }, props);
    }

    /** The component's catalog comes up with the configuration; until it has, the package is refused. */
    private InstallRecord installWhenDeclared(Path pkg) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return installer.installFile(pkg, null, "itest");
            } catch (InstallException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private InstallRecord awaitNewest(String what, Predicate<InstallRecord> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<InstallRecord> last = List.of();
        while (System.nanoTime() < deadline) {
            last = installer.history(5);
            if (!last.isEmpty() && done.test(last.get(0))) {
                return last.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within 120 s; history: " + last + "; state: " + state.status());
    }

    private static boolean is(InstallRecord r, String version, Outcome outcome) {
        return r.outcome() == outcome
                && r.changes().stream().anyMatch(c -> c.to() != null && c.to().equals(Version.parse(version)));
    }

    /** "hello" runs {@code active} with its service up, and holds {@code inactive} (if given) for a rollback. */
    private ComponentState assertHello(Version active, Version inactive) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<ComponentState> hello = Optional.empty();
        while (System.nanoTime() < deadline) {
            hello = installer.components().stream().filter(c -> c.name().equals("hello")).findFirst();
            if (hello.isPresent() && active.equals(hello.get().activeVersion())
                    && (inactive == null || inactive.equals(hello.get().inactiveVersion()))
                    && !hello.get().services().isEmpty() && hello.get().services().get(0).running()) {
                return hello.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("hello " + active + " (other slot " + inactive + ") with its service running expected: "
                + hello);
    }

    private static void assertResultEvent(List<Map<String, Object>> results, InstallRecord r, Outcome outcome)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> e : results) {
                if (r.id().equals(e.get("id"))) {
                    assertEquals(e.toString(), outcome.name(), String.valueOf(e.get("outcome")));
                    assertNotNull(e.toString(), e.get("action"));
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + InstallService.RESULT_TOPIC + " event for " + r.id() + "; seen: " + results);
    }

    private static String run(Path link) throws Exception {
        return Distribution.run(List.of(link.resolve("bin/hello").toString()), null, 10).strip();
    }

    private JsonNode restGet(String path) throws Exception {
        String token = Files.readString(Path.of(System.getProperty("karaf.etc"), "updraft-api.token")).strip();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty("updraft.itest.httpPort") + "/updraft/api/v1/" + path))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return json.readTree(r.body());
    }
}
