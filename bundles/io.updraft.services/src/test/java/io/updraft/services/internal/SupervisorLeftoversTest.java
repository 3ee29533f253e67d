package io.updraft.services.internal;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;

/** What a service's main process leaves behind in its group when it exits must not outlive it. */
public class SupervisorLeftoversTest extends Fixture {
    private final List<Long> children = new ArrayList<>();

    @After
    public void killStrays() {
        children.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    public void childrenOfAServiceThatFailsItsStartAreEnded() throws Exception {
        Path pids = tmp.getRoot().toPath().resolve("children");
        script("broken.sh", "sleep 1000 &\necho $! >> " + pids + "\nexit 3");
        ComponentSpec c = component(service("broken", List.of("./broken.sh")));
        try {
            control(LONG_GRACE).start(c, slot);
            fail("exit 3 at once fails the start");
        } catch (InstallException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("exited with code 3"));
        }
        long child = readPid(pids);
        children.add(child);
        await("the child of the failed service ended", Duration.ofSeconds(3), () -> !alive(child));
    }

    @Test
    public void childrenOfACrashedServiceAreEndedBeforeItsRestart() throws Exception {
        Path pids = tmp.getRoot().toPath().resolve("children");
        Path go = tmp.getRoot().toPath().resolve("go");
        // The first run waits for the test, so it outlasts the start grace however slowly it starts.
        script("crashy.sh", "sleep 1000 &\necho $! >> " + pids + "\nwhile [ ! -e " + go + " ]; do sleep 0.05; done\n"
                + "sleep 0.3\nexit 4");
        ComponentSpec c = component(service("crashy", List.of("./crashy.sh")));
        control().start(c, slot);
        Files.createFile(go);
        await("a restart", Duration.ofSeconds(20), () -> readOr(pids, "").lines().count() >= 2);
        Files.readAllLines(pids).forEach(l -> children.add(Long.parseLong(l.strip())));
        long first = children.get(0);
        await("the child of the crashed run ended", Duration.ofSeconds(5), () -> !alive(first));
    }
}
