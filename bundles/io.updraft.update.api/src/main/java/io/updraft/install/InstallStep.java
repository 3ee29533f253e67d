package io.updraft.install;

/** The step an install or rollback is at, as shown in progress. */
public enum InstallStep {
    SNAPSHOT, STAGING, VERIFYING_STAGED, MIGRATING, STOPPING_SERVICES, SWITCHING, STARTING_SERVICES, HEALTH_CHECKS,
    COMMITTING, ROLLING_BACK, RESTORING
}
