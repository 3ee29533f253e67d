package io.updraft.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A snapshot that does not fit on its file system fails with {@code NO_SPACE}, names the component and the free
 * space, and leaves no file behind. The file system is a 256 KiB tmpfs mounted in a private mount namespace
 * ({@code unshare -m} as root, {@code unshare -rm} otherwise, which needs unprivileged user namespaces), so the
 * mount disappears with the child process whatever happens.
 */
public class NoSpaceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aSnapshotThatDoesNotFitFailsCleanly() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        Path slot = tmp.newFolder("slot").toPath();
        byte[] noise = new byte[2 * 1024 * 1024];
        new Random(1).nextBytes(noise);
        Files.write(slot.resolve("big.bin"), noise);
        Fixtures.write(slot.resolve("small.txt"), "small", 0644);

        boolean root = "root".equals(System.getProperty("user.name"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("unshare", root ? "-m" : "-rm", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=256k updraft-test \"$0\" && exec \"$1\" -cp \"$2\" "
                        + NoSpaceChild.class.getName() + " \"$0\" \"$3\"",
                home.toString(), java, System.getProperty("java.class.path"), slot.toString()));
        Path err = tmp.newFile("child.err").toPath();
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("child did not end", p.waitFor(60, TimeUnit.SECONDS));
        String errors = Files.readString(err);
        Assume.assumeFalse("cannot mount a tmpfs in a private mount namespace here (needs root or unprivileged user "
                + "namespaces): " + errors, p.exitValue() != 0 && (errors.startsWith("unshare:") || errors.startsWith("mount:")));
        assertEquals("child failed: " + errors, 0, p.exitValue());

        assertTrue(out, out.contains("reason=NO_SPACE\n"));
        String message = out.substring(out.indexOf("message="), out.indexOf("\nleft="));
        assertTrue(message, message.contains("component hello") && message.contains("bytes free on"));
        assertTrue("no file left: " + out, out.contains("left=[]\n"));
        assertTrue(out, out.contains("listed=0\n"));
        assertEquals("the tmpfs was the child's alone", List.of(), Fixtures.files(home));
    }
}
