package io.updraft.source.repository.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SettingsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Map<String, Object> base(String url) {
        return TestSettings.properties(url, tmp.getRoot().toPath());
    }

    private void assertRejected(String key, Object value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSettings.settings(TestSettings.with(base("http://127.0.0.1:8700/"), key, value)));
        assertTrue(e.getMessage(), e.getMessage().contains("'" + value + "'"));
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }

    @Test
    public void defaultsAndNormalisation() {
        Map<String, Object> p = base("http://127.0.0.1:8700/");
        p.put("metadataUrl", "http://localhost:8700/metadata");
        p.remove("readTimeoutSeconds");
        Settings settings = TestSettings.settings(p);
        assertEquals(URI.create("http://localhost:8700/metadata/"), settings.metadataUrl());
        assertEquals(30, settings.readTimeout().toSeconds());
        assertEquals(16 * 1024, settings.caps().forFile("timestamp.json"));
        assertEquals(512 * 1024, settings.caps().forFile("12.root.json"));
        assertEquals(2 * 1024 * 1024, settings.caps().forFile("3.snapshot.json"));
        assertEquals(32 * 1024 * 1024, settings.caps().forFile("4.robot-fleet.json"));
        assertTrue(settings.caFile().isEmpty());
    }

    @Test
    public void mirrorsKeepTheirOrderAndFollowTheSameRules() {
        Map<String, Object> p = TestSettings.with(base("http://127.0.0.1:8700/"), "targetsMirrors",
                " https://b.example/targets , https://a.example/t/");
        assertEquals(java.util.List.of(URI.create("https://b.example/targets/"), URI.create("https://a.example/t/")),
                TestSettings.settings(p).targetsMirrors());
        assertTrue(TestSettings.settings(base("http://127.0.0.1:8700/")).targetsMirrors().isEmpty());
        assertRejected("targetsMirrors", "http://192.0.2.7/targets/", "plain http");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> TestSettings.settings(
                TestSettings.with(base("http://127.0.0.1:8700/"), "targetsMirrors", "http://127.0.0.1:8700/targets/")));
        assertTrue(twice.getMessage(), twice.getMessage().contains("twice"));
    }

    @Test
    public void plainHttpOnlyToLoopbackUnlessAllowed() {
        for (String ok : new String[] { "http://127.0.0.1/", "http://localhost:1/", "http://[::1]:8700/m/",
                "https://updates.example.com/metadata/" }) {
            TestSettings.settings(TestSettings.with(base("http://127.0.0.1/"), "metadataUrl", ok));
        }
        for (String bad : new String[] { "http://192.0.2.1/metadata/", "http://127.0.0.2/", "http://updates.example.com/" }) {
            assertRejected("metadataUrl", bad, "allowInsecureHttp=true is for lab networks only");
            assertRejected("targetsUrl", bad, "plain http");
        }
        Map<String, Object> lab = TestSettings.with(base("http://192.0.2.1/"), "allowInsecureHttp", true);
        assertEquals(URI.create("http://192.0.2.1/targets/"), TestSettings.settings(lab).targetsUrl());
    }

    @Test
    public void rejectsBadValues() {
        assertRejected("name", "Production", "must match");
        assertRejected("name", "", "must match");
        assertRejected("metadataUrl", "ftp://127.0.0.1/", "http:// or https://");
        assertRejected("metadataUrl", "https://user:pw@updates.example.com/", "user information");
        assertRejected("metadataUrl", "https://updates.example.com/m/?x=1", "query");
        assertRejected("metadataUrl", "https:///metadata/", "no host");
        assertRejected("targetsUrl", "not a url", "not a valid URL");
        assertRejected("trustRoot", "etc/root.json", "absolute");
        assertRejected("cacheDir", "", "must not be empty");
        assertRejected("caFile", "ca.pem", "absolute");
        assertRejected("readTimeoutSeconds", 0, "positive");
        assertRejected("minBytesPerSecond", -1L, "positive");
        assertRejected("maxRootBytes", 0L, "positive");
    }

    @Test
    public void labModeReachesANonLoopbackAddressOverPlainHttp() throws Exception {
        // 127.0.0.2 is routed locally on Linux but is not one of the loopback names the policy allows.
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer server = LoopbackServer.http("127.0.0.2").handle("/metadata/",
                Handlers.bytes(json, Map.of()))) {
            Path dir = tmp.getRoot().toPath();
            assertThrows(IllegalArgumentException.class,
                    () -> TestSettings.transport(TestSettings.properties(server.base(), dir)));
            HttpTransport lab = TestSettings.transport(
                    TestSettings.with(TestSettings.properties(server.base(), dir), "allowInsecureHttp", true));
            assertArrayEquals(json, lab.fetchMetadata("timestamp.json", 100).orElseThrow());
        }
    }
}
