package io.updraft.scheduler.command.internal;

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
import io.updraft.update.Version;

/** An install service for {@code ota:install --file}: answers what the test set, records the calls. */
final class FakeInstallService implements InstallService {
    /** What installFile answers: a record, or an InstallException to throw. */
    Object answer;
    final List<String> calls = new ArrayList<>();

    static InstallRecord record(InstallRecord.Outcome outcome, String reason) {
        Instant at = Instant.parse("2026-06-01T12:00:00Z");
        return new InstallRecord("offline-1", InstallRecord.Action.OFFLINE_INSTALL, List.of(new ComponentChange("app",
                Version.parse("1.0.0"), Version.parse("1.1.0"))), at, at.plusSeconds(30), outcome, reason, "shell");
    }

    @Override
    public InstallRecord installFile(Path packageFile, String repositoryId, String by) throws InstallException {
        calls.add("installFile " + packageFile + " " + repositoryId + " by " + by);
        if (answer instanceof InstallException e) {
            throw e;
        }
        return (InstallRecord) answer;
    }

    @Override
    public InstallRecord commit(String by) {
        throw new AssertionError("ota:install does not commit");
    }

    @Override
    public InstallRecord rollback(String component, String snapshotId, String by) {
        throw new AssertionError("ota:install does not roll back");
    }

    @Override
    public List<InstallRecord> history(int limit) {
        return List.of();
    }

    @Override
    public Optional<InstallProgressView> progress() {
        return Optional.empty();
    }

    @Override
    public List<ComponentState> components() {
        return List.of();
    }
}
