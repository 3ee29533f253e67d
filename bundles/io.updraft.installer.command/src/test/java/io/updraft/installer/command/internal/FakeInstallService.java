package io.updraft.installer.command.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.updraft.install.ComponentChange;
import io.updraft.install.ComponentState;
import io.updraft.install.InstallException;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.install.ServiceStatus;
import io.updraft.install.Snapshot;
import io.updraft.update.Version;

/** An install service that answers what the test set and records what it was asked, by whom. */
final class FakeInstallService implements InstallService {
    static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    /** What the next request answers: a record, or an InstallException or RuntimeException to throw. */
    Object answer;
    List<InstallRecord> history = List.of();
    List<ComponentState> components = List.of();
    RuntimeException componentsFail;
    final List<String> calls = new ArrayList<>();

    static InstallRecord record(String id, InstallRecord.Action action, InstallRecord.Outcome outcome, String reason) {
        return new InstallRecord(id, action, List.of(new ComponentChange("app", Version.parse("1.0.0"),
                Version.parse("1.1.0")), new ComponentChange("os", null, Version.parse("2.0.0"))), AT,
                AT.plusSeconds(42), outcome, reason, "shell");
    }

    static ComponentState component(String name, String... snapshots) {
        List<Snapshot> kept = new ArrayList<>();
        for (String id : snapshots) {
            kept.add(new Snapshot(id, name, Version.parse("1.0.0"), "archive", AT, 1024, "ab".repeat(32),
                    List.of("slot")));
        }
        return new ComponentState(name, "archive", "a", Version.parse("1.1.0"), Version.parse("1.0.0"),
                List.of(new ServiceStatus(name, "web", "supervisor", true, 42, AT, 0, ""),
                        new ServiceStatus(name, "worker", "supervisor", false, -1, null, 3, "exit 1")), kept);
    }

    private InstallRecord answer(String call) throws InstallException {
        calls.add(call);
        if (answer instanceof InstallException e) {
            throw e;
        }
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        return (InstallRecord) answer;
    }

    @Override
    public InstallRecord installFile(Path packageFile, String repositoryId, String by) throws InstallException {
        return answer("installFile " + packageFile + " " + repositoryId + " by " + by);
    }

    @Override
    public InstallRecord commit(String by) throws InstallException {
        return answer("commit by " + by);
    }

    @Override
    public InstallRecord rollback(String component, String snapshotId, String by) throws InstallException {
        return answer("rollback " + component + " " + snapshotId + " by " + by);
    }

    @Override
    public List<InstallRecord> history(int limit) {
        calls.add("history " + limit);
        return history.subList(0, Math.min(limit, history.size()));
    }

    @Override
    public Optional<InstallProgressView> progress() {
        return Optional.empty();
    }

    @Override
    public List<ComponentState> components() {
        if (componentsFail != null) {
            throw componentsFail;
        }
        return components;
    }
}
