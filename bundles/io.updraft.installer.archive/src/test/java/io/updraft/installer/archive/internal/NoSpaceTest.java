package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Disk full while staging: a 2 MiB tmpfs holds the component folder. As root the test mounts it itself; otherwise
 * the scenario runs in a child JVM under {@code unshare -rm}, which may mount in its own namespace.
 */
public class NoSpaceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path small;
    private Path work;
    private boolean mounted;

    @Before
    public void setUp() throws IOException {
        small = tmp.newFolder("small").toPath();
        work = tmp.newFolder("work").toPath();
    }

    @After
    public void unmount() throws Exception {
        if (mounted) {
            run(List.of("umount", small.toString()));
        }
    }

    @Test
    public void aTreeLargerThanTheFreeSpaceIsRefusedBeforeWriting() throws Exception {
        scenario("tree");
    }

    @Test
    public void anArchiveThatFillsTheDiskWhileExtractingStopsWithNoSpace() throws Exception {
        scenario("archive");
    }

    private void scenario(String name) throws Exception {
        if (Fixture.isRoot() && !Boolean.getBoolean("updraft.test.unshare")) {
            assertEquals(0, run(List.of("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString())));
            mounted = true;
            NoSpaceScenario.run(name, small, work);
            return;
        }
        assumeTrue("needs root or unprivileged user namespaces (unshare -rm)", run(List.of("unshare", "-rm", "true")) == 0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=2m tmpfs \"$1\" && exec \"$2\" -cp \"$3\" " + NoSpaceScenario.class.getName()
                        + " \"$4\" \"$1\" \"$5\"",
                "sh", small.toString(), java, System.getProperty("java.class.path"), name, work.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(output, true, p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(output, 0, p.exitValue());
    }

    private static int run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
