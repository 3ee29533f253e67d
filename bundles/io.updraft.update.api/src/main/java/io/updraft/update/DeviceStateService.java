package io.updraft.update;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's durable state: installed components, the update state machine and its history, and a journal per
 * update. Every change is on disk before the method returns; after a power cut the device reads back either the
 * state before or the state after a call, never a mix.
 */
@ProviderType
public interface DeviceStateService {

    /** Installed components, sorted by name. */
    List<InstalledComponent> installedComponents();

    Optional<InstalledComponent> installed(String componentName);

    /** Records that a component now runs at the given version, replacing any earlier record of it. */
    void recordInstalled(InstalledComponent component) throws StateException;

    /** Forgets a component; returns whether it was recorded. */
    boolean removeComponent(String componentName) throws StateException;

    UpdateStatus status();

    /**
     * Moves the state machine.
     *
     * @throws StateException if the current state may not move to {@code to}; the message names both states
     */
    StateTransition transition(UpdateState to, String updateId, String reason) throws StateException;

    /** The most recent transitions, newest last, at most {@code limit}. */
    List<StateTransition> history(int limit);

    /** Appends a step to an update's journal. */
    JournalEntry appendJournal(String updateId, String step, Map<String, String> details) throws StateException;

    /** The journal of an update, oldest first; empty if it has none. */
    List<JournalEntry> journal(String updateId) throws StateException;

    /** Problems found in stored state since start and how they were recovered from. */
    List<RecoveryNotice> recoveryNotices();

    /**
     * Keeps the outcome of an update check, failed or not, replacing the one kept before. Durable before this
     * returns: {@link #lastCheck()} gives it back after a restart or a power cut.
     *
     * @throws StateException if it could not be stored; the previously kept check then still stands
     */
    void recordCheck(CheckResult result) throws StateException;

    /** The check last recorded with {@link #recordCheck}, also across restarts; empty if there never was one. */
    Optional<CheckResult> lastCheck();
}
