package io.updraft.installer.command.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.updraft.install.ComponentState;
import io.updraft.install.InstallService;

/** Completes the names of the components with slots on this device. */
@Service
public class ComponentCompleter implements Completer {

    @Reference(optional = true)
    InstallService installer;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        InstallService s = installer;
        if (s == null) {
            return -1;
        }
        List<String> names;
        try {
            names = s.components().stream().map(ComponentState::name).toList();
        } catch (RuntimeException e) {
            // A completion is a hint: a failing service must not break the line being typed.
            return -1;
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
