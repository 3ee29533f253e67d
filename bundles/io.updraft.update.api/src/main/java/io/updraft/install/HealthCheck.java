package io.updraft.install;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

import io.updraft.update.Version;

/**
 * One type of health check. Built in: {@code process}, {@code http}, {@code command}; product plugins add their own
 * types. The install service calls {@link #check} once per run, from its own thread, and stops waiting for it after
 * the check's timeout (interrupting the thread).
 */
@ConsumerType
public interface HealthCheck {

    /** The type served, e.g. {@code http}. */
    String type();

    /**
     * Runs the check once.
     *
     * @param component the component in trial
     * @param check the check's declaration
     * @param activeSlot the slot now active (the new version's)
     * @param version the version now active
     * @return the result; a thrown runtime exception counts as unhealthy with its message
     */
    HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
            throws InterruptedException;
}
