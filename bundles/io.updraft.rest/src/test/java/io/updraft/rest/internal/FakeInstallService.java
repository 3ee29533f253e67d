package io.updraft.rest.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.updraft.install.ComponentChange;
import io.updraft.install.ComponentState;
import io.updraft.install.InstallException;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.update.Version;

/** An install service that answers what the test set and records what it was asked, by whom. */
final class FakeInstallService implements InstallService {
    static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    /** What the next request answers: a record, or an InstallException to throw. */
    volatile Object answer;
    volatile Optional<InstallProgressView> progress = Optional.empty();
    volatile List<ComponentState> components = List.of();
    volatile List<InstallRecord> history = List.of();
    /** installFile waits for this before it answers, so a test sees the install running. */
    volatile CountDownLatch release = new CountDownLatch(0);
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    static InstallRecord record(String id, InstallRecord.Action action, InstallRecord.Outcome outcome, String reason) {
        return new InstallRecord(id, action, List.of(new ComponentChange("app", Version.parse("1.0.0"),
                Version.parse("1.1.0")), new ComponentChange("os", null, Version.parse("2.0.0"))), AT,
                AT.plusSeconds(42), outcome, reason, "rest");
    }

    private InstallRecord answer(String call) throws InstallException {
        calls.add(call);
        if (answer instanceof InstallException e) {
            throw e;
        }
        return (InstallRecord) answer;
    }

    @Override
    public InstallRecord installFile(Path packageFile, String repositoryId, String by)
            throws InstallException, InterruptedException {
        release.await();
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
        return progress;
    }

    @Override
    public List<ComponentState> components() {
        return components;
    }
}
