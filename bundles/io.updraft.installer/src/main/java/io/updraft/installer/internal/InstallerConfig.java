package io.updraft.installer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft installer",
        description = "Installs verified releases into A/B slots, runs the trial and commits or rolls back")
public @interface InstallerConfig {

    @AttributeDefinition(description = "Updraft home directory: components/, staging/ and state/install-history.json live there. Absolute path")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(description = "Repository whose pinned trust root verifies offline packages and re-verifies scheduled ones when their offer names none")
    String repositoryId() default "production";

    @AttributeDefinition(description = "The root.json pinned for that repository when none is pinned yet. Absolute path")
    String trustRoot() default "/etc/updraft/trust/production-root.json";

    @AttributeDefinition(description = "true: commit as soon as every health check passed; false: wait for ota:commit until the trial deadline, then roll back")
    boolean autoCommit() default true;

    @AttributeDefinition(description = "Install attempts kept in the history (1-10000)")
    int historyLimit() default 200;

    @AttributeDefinition(description = "Take a snapshot of each component (slot, configuration, data) before it is updated")
    boolean snapshots() default true;

    @AttributeDefinition(description = "Seconds before a recovery that failed (e.g. a rollback that could not switch back) is tried again; doubled after each failure up to 30 minutes (1-1800)")
    int recoveryRetrySeconds() default 60;
}
