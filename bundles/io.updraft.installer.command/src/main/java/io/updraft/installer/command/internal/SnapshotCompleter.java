package io.updraft.installer.command.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.updraft.install.ComponentState;
import io.updraft.install.InstallService;
import io.updraft.install.Snapshot;

/** Completes snapshot ids: of the component already on the line, else of every component. */
@Service
public class SnapshotCompleter implements Completer {

    @Reference(optional = true)
    InstallService installer;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        InstallService s = installer;
        if (s == null) {
            return -1;
        }
        List<ComponentState> components;
        try {
            components = s.components();
        } catch (RuntimeException e) {
            // A completion is a hint: a failing service must not break the line being typed.
            return -1;
        }
        Set<String> typed = commandLine == null || commandLine.getArguments() == null ? Set.of()
                : Arrays.stream(commandLine.getArguments()).collect(Collectors.toSet());
        List<ComponentState> named = components.stream().filter(c -> typed.contains(c.name())).toList();
        List<String> ids = new ArrayList<>();
        for (ComponentState c : named.isEmpty() ? components : named) {
            c.snapshots().stream().map(Snapshot::id).forEach(ids::add);
        }
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
