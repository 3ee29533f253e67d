package io.updraft.scheduler;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes the releases a check found, decides per policy when to download and when to install them, runs the
 * pre-update checks, drives the downloader and the verification, and keeps every decision durably. Announces
 * changes on {@value #SCHEDULE_TOPIC} and, when an update's install time has come, {@value #INSTALL_DUE_TOPIC}
 * for the installer.
 */
@ProviderType
public interface UpdateScheduler {
    /** EventAdmin topic of schedule changes; properties {@code updateId}, {@code stage}. */
    String SCHEDULE_TOPIC = "io/updraft/update/SCHEDULE";
    /** EventAdmin topic posted when a verified update may be installed; properties {@code updateId}. */
    String INSTALL_DUE_TOPIC = "io/updraft/update/INSTALL_DUE";

    /** The current update's schedule; empty when nothing is pending. */
    Optional<Schedule> current();

    /**
     * The user wants the current update installed now, overriding the window: counts as confirmation, starts the
     * download at once if it has not run, and makes the install due as soon as it is verified.
     *
     * @param by who asks, e.g. {@code shell} or {@code rest}
     * @throws SchedulerException if nothing is pending or it is past the point where this can change anything
     */
    Schedule installNow(String by) throws SchedulerException;

    /** The user wants the current update installed in the next maintenance window; counts as confirmation. */
    Schedule installInWindow(String by) throws SchedulerException;

    /** The user declines the current update; it is not offered again until a newer release comes. */
    Schedule deny(String by) throws SchedulerException;

    /** Pauses the running download, keeping partial data; survives restarts until {@link #resume}. */
    Schedule pause(String by) throws SchedulerException;

    /** Resumes a paused download. */
    Schedule resume(String by) throws SchedulerException;

    /** Progress of the current update. */
    UpdateProgress progress();

    /**
     * The verified package files of an update whose install is due, by component name. The files stay until
     * {@link #installFinished} is called for the update.
     *
     * @throws SchedulerException if that update is not the current one or its install is not due
     */
    Map<String, Path> duePackages(String updateId) throws SchedulerException;

    /**
     * The installer is done with a due update. Installed: the schedule ends in stage {@link Stage#INSTALLED} and its
     * downloads are deleted. Not installed (failed before the switch or rolled back): it ends in {@link Stage#FAILED}
     * with the reason as its problem, its downloads are deleted, and its releases are remembered like declined ones,
     * so the same releases are not scheduled again until newer ones come. Either way {@link #current()} is empty
     * afterwards, so the next check's releases are scheduled. The device state is the installer's to move; this does
     * not touch it. Calling it again for the same update, or for an update that is not the scheduled one, does
     * nothing.
     *
     * @param reason why it was not installed; empty when installed
     * @throws SchedulerException if the schedule could not be stored
     */
    void installFinished(String updateId, boolean installed, String reason) throws SchedulerException;
}
