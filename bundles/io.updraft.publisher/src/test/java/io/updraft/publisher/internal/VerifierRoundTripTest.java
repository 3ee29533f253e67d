package io.updraft.publisher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerifiedPackage;
import io.updraft.verifier.internal.VerifierComponent;

/** Repositories and packages made by this tool, checked by the device's real verifier over HTTP from {@code serve}. */
public class VerifierRoundTripTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private VerifierComponent verifier(Path home) {
        return new VerifierComponent(Converters.standardConverter().convert(Map.of("home", home.toString()))
                .to(VerifierComponent.Config.class));
    }

    private RepositoryServer serve(Fixture f) throws Exception {
        return ServeCommand.start(Arguments.parse(new ServeCommand(), List.of("--repo", f.repo.toString(), "--port", "0")));
    }

    @Test
    public void verifierFollowsReleasesDelegationsRotationsAndRevocations() throws Exception {
        for (String consistent : List.of("true", "false")) {
            Path base = tmp.newFolder("consistent-" + consistent).toPath();
            Fixture f = new Fixture(base, "--consistent-snapshot", consistent, "--key-type", "ecdsa-p256");
            Path root1 = f.repo.resolve("metadata/1.root.json");
            VerifierComponent verifier = verifier(base.resolve("device"));
            Path robotKey = base.resolve("robot.key");
            f.cli.ok("keygen", "--out", robotKey.toString());
            f.cli.ok("delegate", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "robot",
                    "--paths", "robot-app/*", "--key", robotKey.toString());
            f.add(f.pack("app", "1.0.0"));
            f.add(f.pack("robot-app", "2.1.0", "--product", "robot"), "--role", "robot");

            try (RepositoryServer server = serve(f)) {
                HttpTransport transport = new HttpTransport(server.uri());
                TrustedRepository trusted = verifier.refresh("demo", root1, transport);
                assertEquals(consistent, String.valueOf(trusted.consistentSnapshot()));
                TargetInfo app = trusted.target("app/app-1.0.0.updraft").orElseThrow();
                assertEquals("targets", app.role());
                assertEquals("1.0.0", app.custom().get("version"));
                TargetInfo robot = trusted.target("robot-app/robot-app-2.1.0.updraft").orElseThrow();
                assertEquals("robot", robot.role());
                assertEquals(List.of("robot"), robot.custom().get("products"));
                try (InputStream in = transport.openTarget(trusted.downloadPath(robot), robot.length())) {
                    verifier.verifyTarget(robot, in);
                }

                String oldRoot = f.keyFiles("root").get(0).getFileName().toString().replace(".key", "");
                f.cli.ok("rotate-key", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "root",
                        "--type", "ed25519", "--revoke", oldRoot);
                String oldTimestamp = f.keyFiles("timestamp").get(0).getFileName().toString().replace(".key", "");
                f.cli.ok("rotate-key", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--role", "timestamp",
                        "--type", "ed25519", "--revoke", oldTimestamp);
                f.cli.ok("remove", "--repo", f.repo.toString(), "--keys", f.keys.toString(), "--target",
                        "app/app-1.0.0.updraft");
                f.add(f.pack("app", "1.1.0"));
                trusted = verifier.refresh("demo", root1, transport);
                assertEquals(3, trusted.rootVersion());
                assertFalse(trusted.target("app/app-1.0.0.updraft").isPresent());
                assertTrue(trusted.target("app/app-1.1.0.updraft").isPresent());
                assertTrue(trusted.target("robot-app/robot-app-2.1.0.updraft").isPresent());
            }
        }
    }

    @Test
    public void verifierAcceptsPackagesAndRefusesOnesSignedByOtherKeys() throws Exception {
        Path base = tmp.getRoot().toPath();
        Fixture f = new Fixture(base);
        VerifierComponent verifier = verifier(base.resolve("device"));
        Path root = f.repo.resolve("metadata/root.json");
        Path pkg = f.pack("app", "3.0.0", "--hardware", "rev-b", "--install", "image");
        Path extract = base.resolve("extract");
        VerifiedPackage verified = verifier.verifyPackage("offline", root, pkg, extract);
        assertEquals("3.0.0", verified.manifest().release().version().toString());
        assertEquals(List.of(f.keyFiles("targets").get(0).getFileName().toString().replace(".key", "")), verified.signedBy());
        assertEquals("app 3.0.0", Files.readString(extract.resolve("data.txt")));
        assertTrue(Files.isExecutable(extract.resolve("bin/run")));

        Path foreign = base.resolve("foreign.updraft");
        f.cli.ok("package", "--component", "app", "--version", "3.0.1", "--from", f.payload("f", "f").toString(),
                "--key", f.keyFiles("timestamp").get(0).toString(), "--out", foreign.toString());
        try {
            verifier.verifyPackage("offline", root, foreign, base.resolve("extract2"));
            fail("package signed by a non-targets key accepted");
        } catch (VerificationException e) {
            assertEquals(VerificationException.Reason.SIGNATURE_THRESHOLD, e.reason());
        }
        assertFalse(Files.exists(base.resolve("extract2")) && Files.list(base.resolve("extract2")).findAny().isPresent());
    }
}
