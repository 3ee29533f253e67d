package io.updraft.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.RecoveryNotice;
import io.updraft.update.StateException;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;

/** Device state held in memory, for tests of what reads it. */
final class InMemoryDeviceState implements DeviceStateService {
    private final Map<String, InstalledComponent> components = new TreeMap<>();
    private final List<StateTransition> history = new ArrayList<>();
    private final List<RecoveryNotice> notices = new ArrayList<>();
    private UpdateStatus status = new UpdateStatus(UpdateState.IDLE, "", Instant.EPOCH, "");

    @Override
    public List<InstalledComponent> installedComponents() {
        return List.copyOf(components.values());
    }

    @Override
    public Optional<InstalledComponent> installed(String componentName) {
        return Optional.ofNullable(components.get(componentName));
    }

    @Override
    public void recordInstalled(InstalledComponent component) {
        components.put(component.name(), component);
    }

    @Override
    public boolean removeComponent(String componentName) {
        return components.remove(componentName) != null;
    }

    @Override
    public UpdateStatus status() {
        return status;
    }

    @Override
    public StateTransition transition(UpdateState to, String updateId, String reason) throws StateException {
        if (!status.state().canMoveTo(to)) {
            throw new StateException("cannot move from " + status.state() + " to " + to);
        }
        StateTransition t = new StateTransition(history.size() + 1, status.state(), to, Instant.now(), updateId, reason);
        history.add(t);
        status = new UpdateStatus(to, updateId, t.at(), reason);
        return t;
    }

    @Override
    public List<StateTransition> history(int limit) {
        return List.copyOf(history.subList(Math.max(0, history.size() - limit), history.size()));
    }

    @Override
    public JournalEntry appendJournal(String updateId, String step, Map<String, String> details) {
        throw new UnsupportedOperationException("journals are not used by these tests");
    }

    @Override
    public List<JournalEntry> journal(String updateId) {
        return List.of();
    }

    @Override
    public List<RecoveryNotice> recoveryNotices() {
        return List.copyOf(notices);
    }

    void addNotice(RecoveryNotice notice) {
        notices.add(notice);
    }
}
