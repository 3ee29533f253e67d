package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SettingsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Harness harness(String protocol, String url) {
        return new Harness(tmp.getRoot().toPath(), protocol, url);
    }

    private static void refused(Harness h, String key, Object value, String expected) {
        h.config.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, h::settings);
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        Harness h = harness("otlp-http", "https://collector.example.com:4318/v1/logs");
        h.config.remove("batchMaxDelay");
        h.config.remove("retryDelay");
        h.config.remove("maxRetryDelay");
        h.config.remove("confirmDelay");
        Settings s = h.settings();
        assertEquals(500, s.batchMaxRecords());
        assertEquals(512 * 1024, s.batchMaxBytes());
        assertEquals(Duration.ofSeconds(10), s.batchMaxDelay());
        assertTrue(s.gzip());
        assertEquals(MeteredPolicy.CRITICAL, s.meteredPolicy());
        assertEquals(16, s.facility());
        assertEquals(Duration.ofMinutes(5), s.maxRetryDelay());
        assertEquals(Duration.ofSeconds(1), s.confirmDelay());
        assertEquals(20_000, s.maxUnconfirmedRecords());
        assertTrue(s.streams().matches("telemetry.crash") && s.streams().matches("log")
                && s.streams().matches("store.drops") && !s.streams().matches("logs"));
    }

    @Test
    public void plainTransportOnlyToLoopbackUnlessAllowed() {
        refused(harness("otlp-http", "x"), "url", "http://collector.example.com/v1/logs", "unencrypted");
        refused(harness("syslog-tls", "x"), "url", "tcp://relay.example.com:514", "unencrypted");
        Harness h = harness("syslog-tls", "tcp://relay.example.com:514");
        h.config.put("allowInsecure", true);
        assertEquals("relay.example.com", h.settings().url().getHost());
        assertEquals(514, harness("syslog-tls", "tcp://127.0.0.1:514").settings().url().getPort());
    }

    @Test
    public void badValuesAreNamed() {
        refused(harness("otlp-http", "https://c/v1/logs"), "protocol", "gelf", "protocol 'gelf'");
        refused(harness("syslog-tls", "x"), "url", "https://relay:6514", "must be a tls://");
        refused(harness("syslog-tls", "x"), "url", "tls://relay", "host and port only");
        refused(harness("otlp-http", "https://user:pw@c/v1/logs"), "name", "test", "user information");
        refused(harness("otlp-http", "https://c/v1/logs"), "name", "Bad Name", "name 'Bad Name'");
        refused(harness("otlp-http", "https://c/v1/logs"), "compression", "zstd", "compression 'zstd'");
        refused(harness("otlp-http", "https://c/v1/logs"), "meteredPolicy", "sometimes", "meteredPolicy 'sometimes'");
        refused(harness("otlp-http", "https://c/v1/logs"), "batchMaxRecords", 0, "batchMaxRecords '0'");
        refused(harness("otlp-http", "https://c/v1/logs"), "batchMaxDelay", "soon", "batchMaxDelay 'soon'");
        refused(harness("otlp-http", "https://c/v1/logs"), "maxRetryDelay", "10ms", "must not be shorter");
        refused(harness("syslog-tls", "tls://relay:6514"), "confirmDelay", "0s", "must be longer than zero");
        refused(harness("syslog-tls", "tls://relay:6514"), "maxUnconfirmedRecords", 499,
                "maxUnconfirmedRecords '499' must be between 500 and 10000000");
        refused(harness("otlp-http", "https://c/v1/logs"), "clientCertFile", "/etc/c.pem", "given together");
        refused(harness("otlp-http", "https://c/v1/logs"), "caFile", "relative.pem", "absolute path");
        refused(harness("syslog-tls", "tls://r:6514"), "tokenFile", "/etc/token", "otlp-http only");
        refused(harness("syslog-tls", "tls://r:6514"), "facility", "local9", "facility 'local9'");
        refused(harness("syslog-tls", "tls://r:6514"), "appName", "has space", "appName 'has space'");
        refused(harness("syslog-tls", "tls://r:6514"), "streams", "Log", "'Log'");
    }

    @Test
    public void credentialFilesReadableByOthersAreRefused() throws Exception {
        Path token = Files.writeString(tmp.getRoot().toPath().resolve("token"), "abc\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> Secrets.token(token));
        assertTrue(e.getMessage(), e.getMessage().contains(token.toString()) && e.getMessage().contains("chmod 600"));
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        assertEquals("abc", Secrets.token(token));

        TestPki pki = new TestPki("CA");
        TestPki.Issued client = pki.client("d");
        Path cert = TestPki.writeCertificate(client, tmp.getRoot().toPath().resolve("c.pem"));
        Path key = TestPki.writeKey(client, tmp.getRoot().toPath().resolve("c.key"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        e = assertThrows(java.io.IOException.class, () -> TlsSetup.context(Optional.empty(), Optional.of(cert),
                Optional.of(key)));
        assertTrue(e.getMessage(), e.getMessage().contains("client key file " + key));
    }
}
