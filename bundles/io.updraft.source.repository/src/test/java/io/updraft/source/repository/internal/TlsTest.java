package io.updraft.source.repository.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import io.updraft.tls.TlsContexts;

/** HTTPS against servers with certificates from a CA made in the test. */
public class TlsTest {
    private static final byte[] JSON = "{\"signed\":{}}".getBytes(StandardCharsets.UTF_8);
    private static TestPki pki;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private LoopbackServer server;
    private LoopbackServer plain;

    @BeforeClass
    public static void makeCa() throws Exception {
        pki = new TestPki("Updraft Test CA");
    }

    @After
    public void stop() {
        for (LoopbackServer s : new LoopbackServer[] { server, plain }) {
            if (s != null) {
                s.close();
            }
        }
    }

    private Map<String, Object> properties(boolean withCa) throws IOException {
        Map<String, Object> p = TestSettings.properties(server.base(), tmp.getRoot().toPath());
        if (withCa) {
            p.put("caFile", pki.writeCa(tmp.getRoot().toPath().resolve("ca.pem")).toString());
        }
        return p;
    }

    @Test
    public void trustsAServerCertifiedByTheConfiguredCa() throws Exception {
        server = LoopbackServer.https(pki.server(TestPki.ip("127.0.0.1"), TestPki.dns("localhost")))
                .handle("/metadata/", Handlers.bytes(JSON, Map.of()));
        assertArrayEquals(JSON, TestSettings.transport(properties(true)).fetchMetadata("root.json", 1024).orElseThrow());
    }

    @Test
    public void refusesTheServerWithoutTheCaFile() throws Exception {
        server = LoopbackServer.https(pki.server(TestPki.ip("127.0.0.1")))
                .handle("/metadata/", Handlers.bytes(JSON, Map.of()));
        HttpTransport transport = TestSettings.transport(properties(false));
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("root.json", 1024));
        assertTrue(e.getMessage(), e.getMessage().contains(server.base()));
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof SSLHandshakeException);
        assertTrue(e.getMessage(), e.getMessage().contains("PKIX path building failed"));
    }

    @Test
    public void refusesACertificateForAnotherHost() throws Exception {
        server = LoopbackServer.https(pki.server(TestPki.dns("updates.example.com")))
                .handle("/metadata/", Handlers.bytes(JSON, Map.of()));
        HttpTransport transport = TestSettings.transport(properties(true));
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("root.json", 1024));
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof SSLHandshakeException);
        assertTrue(e.getMessage(), e.getMessage().contains("No subject alternative names matching IP address 127.0.0.1"));
    }

    @Test
    public void refusesARedirectFromHttpsToHttp() throws Exception {
        plain = LoopbackServer.http().handle("/", Handlers.bytes(JSON, Map.of()));
        server = LoopbackServer.https(pki.server(TestPki.ip("127.0.0.1")))
                .handle("/metadata/", Handlers.redirect(302, plain.base() + "metadata/root.json"));
        HttpTransport transport = TestSettings.transport(properties(true));
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("root.json", 1024));
        assertTrue(e.getMessage(), e.getMessage().contains("leaves https"));
    }

    @Test
    public void refusesACaFileWithoutCertificates() throws Exception {
        server = LoopbackServer.https(pki.server(TestPki.ip("127.0.0.1")));
        Path bad = Files.writeString(tmp.getRoot().toPath().resolve("bad.pem"), "not a certificate\n");
        Map<String, Object> p = properties(false);
        p.put("caFile", bad.toString());
        IOException e = assertThrows(IOException.class, () -> TestSettings.transport(p));
        assertTrue(e.getMessage(), e.getMessage().contains(bad.toString()));
    }

    @Test
    public void aJvmSwitchThatTurnsOffHostNameChecksIsRefused() throws Exception {
        for (String value : new String[] {"", "true"}) {
            System.setProperty(TlsContexts.DISABLE_HOSTNAME_CHECK, value);
            try {
                TlsContexts.forCaFile(java.util.Optional.empty());
                fail("host name checks must not be switched off by '" + value + "'");
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(TlsContexts.DISABLE_HOSTNAME_CHECK));
            } finally {
                System.clearProperty(TlsContexts.DISABLE_HOSTNAME_CHECK);
            }
        }
    }
}
