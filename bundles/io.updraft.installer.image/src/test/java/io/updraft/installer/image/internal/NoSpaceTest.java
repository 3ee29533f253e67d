package io.updraft.installer.image.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Disk full while staging an image file: a 2 MiB tmpfs holds the component folder. As root the test mounts it
 * itself; otherwise the scenario runs in a child JVM under {@code unshare -rm}, which may mount in its namespace.
 */
public class NoSpaceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path small;
    private boolean mounted;

    @After
    public void unmount() throws Exception {
        if (mounted) {
            Images.run("umount", small.toString());
        }
    }

    @Test
    public void anImageThatDoesNotFitFailsWithNoSpaceAndTheRunningSlotStays() throws Exception {
        small = tmp.newFolder("small").toPath();
        Path work = tmp.newFolder("work").toPath();
        if (Images.isRoot() && !Boolean.getBoolean("updraft.test.unshare")) {
            Images.Result mount = Images.run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString());
            assertEquals(mount.output(), 0, mount.exit());
            mounted = true;
            NoSpaceScenario.run(small, work);
            return;
        }
        assumeTrue("needs root or unprivileged user namespaces (unshare -rm)", Images.run("unshare", "-rm", "true").exit() == 0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=2m tmpfs \"$1\" && exec \"$2\" -cp \"$3\" " + NoSpaceScenario.class.getName()
                        + " \"$1\" \"$4\"",
                "sh", small.toString(), java, System.getProperty("java.class.path"), work.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(output, true, p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(output, 0, p.exitValue());
    }
}
