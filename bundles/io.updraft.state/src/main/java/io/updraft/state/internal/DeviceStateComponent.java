package io.updraft.state.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.update.CheckResult;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.Names;
import io.updraft.update.RecoveryNotice;
import io.updraft.update.StateException;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;

/**
 * The device state kept in files under {@code <home>/state/}. All state is loaded at activation and held in
 * memory; every change is written durably before the call returns, and memory changes only after the write.
 * A write whose content reached its file but could not be made durable (a failed directory sync) still fails
 * the call, but memory follows the file: readers and a restart see the change, so it must not be made again.
 *
 * <p>A transition is written to {@code history.json} first and then to {@code device.json}; the history is the
 * point of commit, so a crash between the two writes is completed at the next start from the history.
 *
 * <p>A device updates for years and every attempt leaves a journal, so only the newest {@code journalsKept} are
 * kept: opening the store and starting a new journal remove the oldest beyond that, never the journal of the
 * update the state machine names, which may still be under way. Trimming at open as well keeps the limit when the
 * runtime is stopped between starting a journal and removing the old ones, however often that happens.
 */
@Component(name = DeviceStateComponent.PID, service = DeviceStateService.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DeviceStateComponent.Config.class)
public final class DeviceStateComponent implements DeviceStateService {
    static final String PID = "io.updraft.state";
    static final int MAX_HISTORY_LIMIT = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStateComponent.class);

    @ObjectClassDefinition(name = "Updraft device state",
            description = "Where the device keeps installed components, the update state machine and journals.")
    public @interface Config {
        @AttributeDefinition(name = "Home", description = "The Updraft home directory; state lives in its state/ folder. Absolute path.")
        String home() default "/var/lib/updraft";

        @AttributeDefinition(name = "History limit", description = "How many state transitions are kept (1-100000).")
        int historyLimit() default 500;

        @AttributeDefinition(name = "Journals kept", min = "" + JournalRetention.MIN_KEPT, description = "How many update journals are kept (at least 10)."
                + " Starting a new journal removes the oldest by their last entry, never the current update's.")
        int journalsKept() default JournalRetention.DEFAULT_KEPT;
    }

    private final int historyLimit;
    private final int journalsKept;
    private final Clock clock;
    private final StateStore store;
    private final List<RecoveryNotice> notices;

    // Guarded by this, like the content of the journals map.
    private final Map<String, List<JournalEntry>> journals;
    private DeviceData device;
    private List<StateTransition> history;
    private CheckResult lastCheck;

    @Activate
    public DeviceStateComponent(Config config) throws StateException {
        this(config, Clock.systemUTC());
    }

    DeviceStateComponent(Config config, Clock clock) throws StateException {
        this(config, clock, AtomicFile.DirectorySync.FSYNC);
    }

    DeviceStateComponent(Config config, Clock clock, AtomicFile.DirectorySync sync) throws StateException {
        Path home = homeOf(config.home());
        this.historyLimit = config.historyLimit();
        if (historyLimit < 1 || historyLimit > MAX_HISTORY_LIMIT) {
            throw new IllegalArgumentException("historyLimit " + historyLimit + " is out of range 1-" + MAX_HISTORY_LIMIT);
        }
        this.journalsKept = config.journalsKept();
        if (journalsKept < JournalRetention.MIN_KEPT) {
            throw new IllegalArgumentException("journalsKept " + journalsKept + " is below the minimum of "
                    + JournalRetention.MIN_KEPT);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new StateStore(home, sync);
        Recovery recovery = new Recovery(clock);
        try {
            for (Path p : store.prepare()) {
                LOG.info("Removed {} left by an interrupted write", p);
            }
            DeviceData loaded = store.loadDevice(recovery, () -> null);
            List<StateTransition> past = store.loadHistory(recovery);
            this.journals = new HashMap<>(store.loadJournals(recovery));
            this.lastCheck = store.loadCheck(recovery);
            // Only once every file has been read: a newer file anywhere must leave all of them untouched.
            recovery.repair();
            this.history = trim(past);
            this.device = reconcile(loaded, past);
        } catch (NewerSchemaException e) {
            throw new StateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("cannot open device state in " + store.stateDir() + ": " + e.getMessage(), e);
        }
        this.notices = recovery.notices();
        removeOldJournals(device.status().updateId());
        LOG.info("Device state opened in {}: {} (update '{}'), {} components, next transition {}, {} recovery notices",
                store.stateDir(), device.status().state(), device.status().updateId(), device.components().size(),
                device.nextSequence(), notices.size());
    }

    private static Path homeOf(String home) {
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("home '" + home + "' is empty: set an absolute directory");
        }
        try {
            Path p = Path.of(home);
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("home '" + home + "' is not an absolute path");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("home '" + home + "' is not a valid path: " + e.getReason(), e);
        }
    }

    /**
     * Brings {@code device.json} up to the history: a fresh device gets its first file, and a transition that
     * reached the history but not the device file (a crash between the two writes) is completed.
     */
    private DeviceData reconcile(DeviceData loaded, List<StateTransition> past) throws IOException {
        DeviceData data = loaded != null ? loaded
                : DeviceData.fresh(new UpdateStatus(UpdateState.IDLE, "", clock.instant(), ""));
        boolean write = loaded == null;
        if (!past.isEmpty()) {
            StateTransition last = past.get(past.size() - 1);
            if (last.sequence() >= data.nextSequence()) {
                LOG.info("Completing transition {} {} -> {} found in the history only", last.sequence(), last.from(),
                        last.to());
                data = data.with(statusAfter(last), last.sequence() + 1);
                write = true;
            }
        }
        if (write) {
            store.saveDevice(data);
        }
        return data;
    }

    private static UpdateStatus statusAfter(StateTransition t) {
        return new UpdateStatus(t.to(), t.updateId(), t.at(), t.reason());
    }

    private List<StateTransition> trim(List<StateTransition> list) {
        int from = Math.max(0, list.size() - historyLimit);
        return List.copyOf(list.subList(from, list.size()));
    }

    @Override
    public synchronized List<InstalledComponent> installedComponents() {
        return List.copyOf(device.components().values());
    }

    @Override
    public synchronized Optional<InstalledComponent> installed(String componentName) {
        return Optional.ofNullable(device.components().get(componentName));
    }

    @Override
    public synchronized void recordInstalled(InstalledComponent component) throws StateException {
        Objects.requireNonNull(component, "component");
        commitDevice(device.with(component), "record " + component.name() + " " + component.version());
        LOG.info("Recorded {} at version {}", component.name(), component.version());
    }

    @Override
    public synchronized boolean removeComponent(String componentName) throws StateException {
        if (componentName == null || !device.components().containsKey(componentName)) {
            return false;
        }
        commitDevice(device.without(componentName), "remove " + componentName);
        LOG.info("Removed component {}", componentName);
        return true;
    }

    @Override
    public synchronized UpdateStatus status() {
        return device.status();
    }

    @Override
    public synchronized StateTransition transition(UpdateState to, String updateId, String reason)
            throws StateException {
        Objects.requireNonNull(to, "to");
        String id = updateId == null ? "" : updateId;
        if (!id.isEmpty()) {
            Names.requireUpdateId(id);
        }
        UpdateState from = device.status().state();
        if (!from.canMoveTo(to)) {
            throw new StateException("update state " + from + " cannot move to " + to + "; allowed from " + from
                    + ": " + from.next());
        }
        StateTransition t = new StateTransition(device.nextSequence(), from, to, clock.instant(), id, reason);
        List<StateTransition> nextHistory = new ArrayList<>(history);
        nextHistory.add(t);
        nextHistory = trim(nextHistory);
        try {
            store.saveHistory(nextHistory);
        } catch (NotDurableException e) {
            // In the history, so a restart completes it: memory must show it too, or its number would be reused.
            history = nextHistory;
            device = device.with(statusAfter(t), t.sequence() + 1);
            // device.json is left alone: it must never get ahead of a history that may yet be lost.
            throw new StateException("transition " + t.sequence() + " " + from + " -> " + to
                    + " is recorded, but may not survive a power cut: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("cannot record transition " + from + " -> " + to + " in "
                    + store.stateDir().resolve("history.json") + ": " + e.getMessage(), e);
        }
        // Committed: from here on a restart would complete the transition from the history.
        history = nextHistory;
        device = device.with(statusAfter(t), t.sequence() + 1);
        try {
            store.saveDevice(device);
        } catch (IOException e) {
            LOG.warn("Transition {} is recorded in the history but {} was not updated; the next start completes it",
                    t.sequence(), store.stateDir().resolve("device.json"), e);
        }
        LOG.info("Update state {} -> {} (update '{}', transition {}): {}", from, to, id, t.sequence(), t.reason());
        return t;
    }

    @Override
    public synchronized List<StateTransition> history(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("history limit " + limit + " is negative");
        }
        return List.copyOf(history.subList(Math.max(0, history.size() - limit), history.size()));
    }

    @Override
    public synchronized JournalEntry appendJournal(String updateId, String step, Map<String, String> details)
            throws StateException {
        Names.requireUpdateId(updateId);
        requireDetails(step, details);
        List<JournalEntry> entries = journals.getOrDefault(updateId, List.of());
        boolean started = entries.isEmpty();
        JournalEntry entry = new JournalEntry(entries.size() + 1L, clock.instant(), step, details);
        List<JournalEntry> next = new ArrayList<>(entries);
        next.add(entry);
        try {
            store.saveJournal(updateId, next);
        } catch (NotDurableException e) {
            journals.put(updateId, List.copyOf(next));
            throw new StateException("step '" + step + "' is appended to journal " + store.journalPath(updateId)
                    + " as entry " + entry.sequence() + ", but may not survive a power cut: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("cannot append step '" + step + "' to journal " + store.journalPath(updateId)
                    + ": " + e.getMessage(), e);
        }
        journals.put(updateId, List.copyOf(next));
        if (started) {
            removeOldJournals(updateId);
        }
        return entry;
    }

    /**
     * Keeps the journals within {@code journalsKept}. The entry that started {@code updateId}'s journal is already
     * durable, so a failure here is only logged: the next journal started, or the next start, tries again.
     */
    private void removeOldJournals(String started) {
        // Set.of refuses duplicates, and the journal started is often the current update's.
        Set<String> keep = new HashSet<>(List.of(started, device.status().updateId()));
        List<String> old = JournalRetention.beyond(journals, journalsKept, keep);
        if (old.isEmpty()) {
            return;
        }
        try {
            store.removeJournals(old, journals::remove);
            LOG.info("Removed the journals of {} to keep the newest {}", JournalRetention.describe(old), journalsKept);
        } catch (IOException e) {
            LOG.warn("Could not remove all old journals ({}) to keep the newest {}; the next journal started tries"
                    + " again", JournalRetention.describe(old), journalsKept, e);
        }
    }

    @Override
    public synchronized List<JournalEntry> journal(String updateId) throws StateException {
        Names.requireUpdateId(updateId);
        return journals.getOrDefault(updateId, List.of());
    }

    @Override
    public List<RecoveryNotice> recoveryNotices() {
        return notices;
    }

    @Override
    public synchronized void recordCheck(CheckResult result) throws StateException {
        Objects.requireNonNull(result, "result");
        try {
            store.saveCheck(result);
        } catch (NotDurableException e) {
            lastCheck = result;
            throw new StateException("check result of " + result.checkedAt() + " is in " + store.checkPath()
                    + ", but may not survive a power cut: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("cannot record check result in " + store.checkPath() + ": " + e.getMessage(), e);
        }
        lastCheck = result;
    }

    @Override
    public synchronized Optional<CheckResult> lastCheck() {
        return Optional.ofNullable(lastCheck);
    }

    /** Writes {@code next} and makes it the state in memory once it is in the file. */
    private void commitDevice(DeviceData next, String what) throws StateException {
        try {
            store.saveDevice(next);
        } catch (NotDurableException e) {
            device = next;
            throw new StateException("the change to " + store.stateDir().resolve("device.json") + " (" + what
                    + ") is made, but may not survive a power cut: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("cannot " + what + " in " + store.stateDir().resolve("device.json") + ": "
                    + e.getMessage(), e);
        }
        device = next;
    }

    /** Journal details are written as JSON strings: null keys and values are refused, naming them. */
    private static void requireDetails(String step, Map<String, String> details) {
        if (details == null) {
            return;
        }
        for (Map.Entry<String, String> d : details.entrySet()) {
            if (d.getKey() == null) {
                throw new IllegalArgumentException("journal details of step '" + step + "' have a null key");
            }
            if (d.getValue() == null) {
                throw new IllegalArgumentException("journal detail '" + d.getKey() + "' of step '" + step
                        + "' is null");
            }
        }
    }
}
