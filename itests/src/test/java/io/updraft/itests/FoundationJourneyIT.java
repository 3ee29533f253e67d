package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.product.DeviceInfo;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Version;

/** The distribution boots, every Updraft part runs, and status is shown through the shell and REST. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FoundationJourneyIT extends UpdraftTestSupport {

    @Inject
    DeviceStateService state;

    @Inject
    DeviceInfo device;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    ConfigurationAdmin configAdmin;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    public void bootsShowsStatusAndGuardsTheApi() throws Exception {
        // Real data in the real store: the journey records a component as an installer would.
        InstalledComponent app = new InstalledComponent("demo-app", Version.parse("1.2.3"), Instant.now());
        state.recordInstalled(app);

        JsonNode status = restStatusWithToken();
        assertEquals(device.identity().deviceId(), status.at("/device/id").asText());
        assertEquals("demo-app", status.at("/components/0/name").asText());
        assertEquals("1.2.3", status.at("/components/0/version").asText());
        assertEquals("IDLE", status.at("/update/state").asText());

        assertEveryUpdraftBundleAndComponentActive();

        String out = shell("ota:status --no-format");
        assertTrue(out, out.contains(device.identity().deviceId()));
        assertTrue(out, out.contains("demo-app"));
        assertTrue(out, out.contains("1.2.3"));
        assertTrue(out, out.contains("IDLE"));

        HttpResponse<String> noToken = get(null);
        assertEquals(401, noToken.statusCode());
        assertEquals("unauthorized", new ObjectMapper().readTree(noToken.body()).path("error").asText());
        assertEquals(401, get("Bearer not-the-token").statusCode());

        assertListenersOnLoopbackOnly();
    }

    private JsonNode restStatusWithToken() throws Exception {
        Path tokenFile = Path.of(System.getProperty("karaf.etc"), "updraft-api.token");
        // The whiteboard registers the servlet shortly after the component activates.
        long deadline = System.currentTimeMillis() + 30_000;
        HttpResponse<String> r = null;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(tokenFile)) {
                r = get("Bearer " + Files.readString(tokenFile).strip());
                if (r.statusCode() == 200) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertTrue("token file " + tokenFile + " was not created", Files.exists(tokenFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        assertEquals(r == null ? "no answer" : r.body(), 200, r == null ? -1 : r.statusCode());
        return new ObjectMapper().readTree(r.body());
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + System.getProperty("updraft.itest.httpPort") + "/updraft/api/v1/status"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertEveryUpdraftBundleAndComponentActive() {
        List<String> problems = new ArrayList<>();
        int bundles = 0;
        int components = 0;
        for (Bundle b : bundleContext.getBundles()) {
            if (!b.getSymbolicName().startsWith("io.updraft.")) {
                continue;
            }
            bundles++;
            if (b.getState() != Bundle.ACTIVE) {
                problems.add("bundle " + b.getSymbolicName() + " is in state " + b.getState());
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                components++;
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE) {
                        problems.add("component " + d.name + " is in state " + c.state
                                + (c.failure == null ? "" : ": " + c.failure));
                    }
                }
                if (scr.getComponentConfigurationDTOs(d).isEmpty() && !waitsForAConfiguration(d)) {
                    problems.add("component " + d.name + " has no configuration (unsatisfied or disabled)");
                }
            }
        }
        assertTrue("expected the Updraft bundles, found " + bundles, bundles >= 6);
        assertTrue("expected the Updraft components, found " + components, components >= 3);
        assertEquals(Collections.emptyList(), problems);
    }

    /**
     * A component that requires a configuration nobody made (a log destination, until the maker adds one) is
     * meant to stay idle; every other component must run.
     */
    private boolean waitsForAConfiguration(ComponentDescriptionDTO d) {
        if (!"require".equals(d.configurationPolicy)) {
            return false;
        }
        try {
            for (String pid : d.configurationPid) {
                if (configAdmin.listConfigurations("(|(service.pid=" + pid + ")(service.factoryPid=" + pid + "))")
                        != null) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new AssertionError("cannot list the configurations of " + d.name, e);
        }
    }

    /**
     * The configuration binds HTTP and SSH to 127.0.0.1, and connecting to either port on any other address of
     * this machine fails.
     */
    private void assertListenersOnLoopbackOnly() throws Exception {
        assertEquals("127.0.0.1", configAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.ops4j.pax.web.listening.addresses"));
        assertEquals("127.0.0.1", configAdmin.getConfiguration("org.apache.karaf.shell", null).getProperties()
                .get("sshHost"));
        int checked = 0;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a.isLinkLocalAddress()) {
                    continue;
                }
                for (String port : new String[] {System.getProperty("updraft.itest.httpPort"), System.getProperty("updraft.itest.sshPort")}) {
                    checked++;
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(a, Integer.parseInt(port)), 2000);
                        fail("port " + port + " answers on " + a.getHostAddress() + ": it must listen on 127.0.0.1 only");
                    } catch (IOException expected) {
                        // refused: nothing listens there
                    }
                }
            }
        }
        // The loopback listeners do answer, so the refusals above mean something.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getProperty("updraft.itest.sshPort"))), 2000);
        }
        System.out.println("Loopback-only check: " + checked + " non-loopback address/port pairs refused");
    }
}
