package io.updraft.source.repository.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.SourceException;
import io.updraft.update.Version;
import io.updraft.verifier.ReleaseDescriptor;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.internal.VerifierComponent;

/** {@link RepositorySource#offers()} with the real verifier against a signed repository served on loopback. */
public class RepositorySourceTest {
    private static final byte[] APP = "robot application 1.2.0".getBytes(StandardCharsets.UTF_8);
    private static final ReleaseDescriptor APP_RELEASE = new ReleaseDescriptor("app", Version.parse("1.2.0"),
            Set.of("robot"), Set.of("rev-b"), Map.of("base", ">=1.0.0 <2.0.0"), Map.of("legacy", "<1.0.0"),
            Release.Kind.FULL, null, "archive");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private LoopbackServer server;
    private TestRepository repository;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RepositorySource start(boolean consistentSnapshot) throws Exception {
        Path dir = tmp.newFolder("repo").toPath();
        repository = new TestRepository(dir, consistentSnapshot);
        repository.add("app/app-1.2.0.updraft", APP, APP_RELEASE)
                .add("robot/app-1.3.0.updraft", APP, new io.updraft.verifier.ReleaseDescriptor("app",
                        io.updraft.update.Version.parse("1.3.0"), null, null, null, null,
                        io.updraft.update.Release.Kind.FULL, null, null))
                .add("docs/readme.txt", "not a release".getBytes(StandardCharsets.UTF_8), null)
                .publish();
        server = LoopbackServer.http().handle("/", Handlers.files(dir));
        return source(server.base());
    }

    private RepositorySource source(String base) throws Exception {
        return source(base, "");
    }

    private RepositorySource source(String base, String targetsMirrors) throws Exception {
        Path device = tmp.getRoot().toPath().resolve("device");
        Files.createDirectories(device);
        Files.copy(repository.metadata.resolve("root.json"), device.resolve("root.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        UpdateVerifier verifier = new VerifierComponent(Converters.standardConverter()
                .convert(Map.of("home", device.resolve("home").toString())).to(VerifierComponent.Config.class));
        return new RepositorySource(TestSettings.settings(TestSettings.with(TestSettings.properties(base, device),
                "targetsMirrors", targetsMirrors)), verifier, "updraft/test");
    }

    private static SourceException refused(RepositorySource source, String code, boolean retryable) {
        SourceException e = assertThrows(SourceException.class, source::offers);
        assertEquals(e.getMessage(), code, e.code());
        assertEquals(e.getMessage(), retryable, e.retryable());
        assertTrue(e.getMessage(), e.getMessage().startsWith("repository test (http://127.0.0.1:"));
        return e;
    }

    @Test
    public void validRepositoryOffersItsReleases() throws Exception {
        RepositorySource source = start(true);
        List<Offer> offers = source.offers();
        assertEquals("the target without a release descriptor, and the one whose path is not its release's, are skipped",
                1, offers.size());
        Offer offer = offers.get(0);
        assertEquals(APP_RELEASE.release(), offer.release());
        assertEquals("test", offer.source());
        assertEquals(APP.length, offer.length());
        String sha256 = offer.hashes().get("sha256");
        assertEquals(server.base() + "targets/app/" + sha256 + ".app-1.2.0.updraft", offer.artifact());
        assertEquals(Map.of("base", ">=1.0.0 <2.0.0"), offer.requires());
        assertEquals(Map.of("legacy", "<1.0.0"), offer.conflicts());
        assertEquals("archive", offer.install());
        try (InputStream in = URI.create(offer.artifact()).toURL().openStream()) {
            assertArrayEquals(APP, in.readAllBytes());
        }
        assertEquals(offers, source.offers());
    }

    @Test
    public void offersNameTheArtifactOnEveryMirrorInTheConfiguredOrder() throws Exception {
        start(true);
        RepositorySource source = source(server.base(), "https://mirror-b.example/fleet/targets, http://[::1]:9/t/");
        Offer offer = source.offers().get(0);
        String file = "app/" + offer.hashes().get("sha256") + ".app-1.2.0.updraft";
        assertEquals(List.of("https://mirror-b.example/fleet/targets/" + file, "http://[::1]:9/t/" + file),
                offer.mirrors());
        assertEquals(server.base() + "targets/" + file, offer.artifactUrls().get(0));
        assertEquals(3, offer.artifactUrls().size());
    }

    @Test
    public void rollbackToAnOlderTimestampIsRefused() throws Exception {
        RepositorySource source = start(false);
        byte[] old = Files.readAllBytes(repository.metadata.resolve("timestamp.json"));
        repository.publish();
        assertEquals(1, source.offers().size());
        Files.write(repository.metadata.resolve("timestamp.json"), old);
        refused(source, "rollback", false);
    }

    @Test
    public void expiredTimestampIsRefused() throws Exception {
        RepositorySource source = start(false);
        Files.write(repository.metadata.resolve("timestamp.json"),
                repository.timestamp(2, 1, Instant.now().minus(Duration.ofHours(1)), repository.timestampKey));
        SourceException e = refused(source, "expired", false);
        assertTrue(e.getMessage(), e.getMessage().contains("timestamp"));
    }

    @Test
    public void timestampSignedByTheWrongKeyIsRefused() throws Exception {
        RepositorySource source = start(false);
        Files.write(repository.metadata.resolve("timestamp.json"),
                repository.timestamp(2, 1, Instant.now().plus(Duration.ofHours(1)), repository.snapshotKey));
        refused(source, "signature_threshold", false);
    }

    @Test
    public void snapshotOtherThanTheTimestampNamesIsRefused() throws Exception {
        RepositorySource source = start(false);
        Files.write(repository.metadata.resolve("timestamp.json"),
                repository.timestamp(2, 5, Instant.now().plus(Duration.ofHours(1)), repository.timestampKey));
        refused(source, "mix_and_match", false);
    }

    @Test
    public void endlessTimestampIsRefusedAsTooLarge() throws Exception {
        RepositorySource source = start(false);
        server.handle("/metadata/timestamp.json", Handlers.endless(new AtomicLong()));
        refused(source, "too_large", false);
    }

    @Test
    public void tricklingTimestampIsSlowRetrievalAndRetryable() throws Exception {
        RepositorySource source = start(false);
        server.handle("/metadata/timestamp.json", Handlers.trickle(2000, 1, 1000));
        refused(source, "slow_retrieval", true);
    }

    @Test
    public void unreachableRepositoryIsRetryable() throws Exception {
        start(false);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RepositorySource source = source("http://127.0.0.1:" + port + "/");
        SourceException e = refused(source, "unreachable", true);
        assertTrue(e.getMessage(), e.getMessage().contains("GET http://127.0.0.1:" + port + "/metadata/"));
        assertFalse(e.getMessage(), e.getMessage().endsWith("null"));
    }
}
