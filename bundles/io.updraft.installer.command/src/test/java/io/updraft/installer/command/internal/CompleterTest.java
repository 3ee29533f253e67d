package io.updraft.installer.command.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.Before;
import org.junit.Test;

public class CompleterTest {
    private FakeInstallService installer;
    private final ComponentCompleter components = new ComponentCompleter();
    private final SnapshotCompleter snapshots = new SnapshotCompleter();

    @Before
    public void setUp() {
        installer = new FakeInstallService();
        installer.components = List.of(FakeInstallService.component("app", "app-1.0.0-a", "app-0.9.0-b"),
                FakeInstallService.component("nav", "nav-2.0.0-c"), FakeInstallService.component("os"));
        components.installer = installer;
        snapshots.installer = installer;
    }

    /** The line {@code words}, with the cursor at the end of the last word. */
    private static CommandLineImpl line(String... words) {
        String buffer = String.join(" ", words);
        String last = words[words.length - 1];
        return new CommandLineImpl(words, words.length - 1, last.length(), buffer.length(), buffer);
    }

    private static List<String> complete(org.apache.karaf.shell.api.console.Completer c, CommandLineImpl line) {
        List<String> candidates = new ArrayList<>();
        c.complete(null, line, candidates);
        return candidates.stream().map(String::strip).sorted().toList();
    }

    @Test
    public void componentNamesByPrefix() {
        assertEquals(List.of("app", "nav", "os"), complete(components, line("ota:rollback", "")));
        assertEquals(List.of("nav"), complete(components, line("ota:rollback", "n")));
    }

    @Test
    public void snapshotIdsOfTheComponentOnTheLineElseOfAll() {
        assertEquals(List.of("app-0.9.0-b", "app-1.0.0-a"),
                complete(snapshots, line("ota:rollback", "app", "--snapshot", "")));
        assertEquals(List.of("app-0.9.0-b", "app-1.0.0-a", "nav-2.0.0-c"),
                complete(snapshots, line("ota:rollback", "--snapshot", "")));
        assertEquals(List.of("nav-2.0.0-c"), complete(snapshots, line("ota:rollback", "--snapshot", "na")));
    }

    @Test
    public void neverThrow() {
        installer.componentsFail = new IllegalStateException("components unreadable");
        assertEquals(List.of(), complete(components, line("ota:rollback", "")));
        assertEquals(List.of(), complete(snapshots, line("ota:rollback", "--snapshot", "")));
        components.installer = null;
        snapshots.installer = null;
        assertEquals(List.of(), complete(components, line("ota:rollback", "")));
        assertEquals(List.of(), complete(snapshots, line("ota:rollback", "--snapshot", "")));
    }
}
