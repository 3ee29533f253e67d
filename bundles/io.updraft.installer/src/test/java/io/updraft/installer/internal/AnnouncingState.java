package io.updraft.installer.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.updraft.update.CheckResult;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.RecoveryNotice;
import io.updraft.update.StateException;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;

/**
 * The device state of the power-cut child, announcing on stdout each journal step and state move just before it is
 * made, one unbuffered line each, so the parent knows where a kill landed.
 */
final class AnnouncingState implements DeviceStateService {
    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);
    private final DeviceStateService delegate;

    AnnouncingState(DeviceStateService delegate) {
        this.delegate = delegate;
    }

    static synchronized void say(String line) {
        try {
            OUT.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JournalEntry appendJournal(String updateId, String step, Map<String, String> details) throws StateException {
        say("J " + step);
        return delegate.appendJournal(updateId, step, details);
    }

    @Override
    public StateTransition transition(UpdateState to, String updateId, String reason) throws StateException {
        say("S " + to);
        return delegate.transition(to, updateId, reason);
    }

    @Override
    public List<InstalledComponent> installedComponents() {
        return delegate.installedComponents();
    }

    @Override
    public Optional<InstalledComponent> installed(String componentName) {
        return delegate.installed(componentName);
    }

    @Override
    public void recordInstalled(InstalledComponent component) throws StateException {
        delegate.recordInstalled(component);
    }

    @Override
    public boolean removeComponent(String componentName) throws StateException {
        return delegate.removeComponent(componentName);
    }

    @Override
    public UpdateStatus status() {
        return delegate.status();
    }

    @Override
    public List<StateTransition> history(int limit) {
        return delegate.history(limit);
    }

    @Override
    public List<JournalEntry> journal(String updateId) throws StateException {
        return delegate.journal(updateId);
    }

    @Override
    public List<RecoveryNotice> recoveryNotices() {
        return delegate.recoveryNotices();
    }

    @Override
    public void recordCheck(CheckResult result) throws StateException {
        delegate.recordCheck(result);
    }

    @Override
    public Optional<CheckResult> lastCheck() {
        return delegate.lastCheck();
    }
}
