package io.updraft.state.internal;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.fs.DurableFiles;

public class StateStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void firstStartSyncsTheParentOfEveryDirectoryItCreates() throws Exception {
        Path root = tmp.getRoot().toPath().toAbsolutePath();
        Path home = root.resolve("var/lib/updraft");
        List<Path> synced = new ArrayList<>();
        StateStore store = new StateStore(home, dir -> {
            synced.add(dir);
            DurableFiles.syncDirectory(dir);
        });
        store.prepare();
        assertTrue(Files.isDirectory(home.resolve("state/journal")));
        // var, var/lib, home, state and journal were created: each new name lives in its parent's entries.
        for (Path parent : List.of(root, root.resolve("var"), root.resolve("var/lib"), home, home.resolve("state"))) {
            assertTrue(parent + " not synced; synced: " + synced, synced.contains(parent));
        }
    }
}
