package io.updraft.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft update scheduler",
        description = "When updates are downloaded and installed, and the checks that must pass first")
public @interface SchedulerConfig {

    @AttributeDefinition(description = "Updraft home directory; decisions are kept in state/schedule.json, downloads in downloads/. Absolute path")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(description = "When downloads run: now, window (the maintenance window) or confirm (after the user confirms)")
    String download() default "now";

    @AttributeDefinition(description = "When installs may start: now, window or confirm")
    String install() default "window";

    @AttributeDefinition(description = "Daily maintenance window in local time, HH:mm-HH:mm; may cross midnight (23:00-01:00)")
    String window() default "03:00-04:00";

    @AttributeDefinition(required = false, description = "Time zone of the window, e.g. Europe/Berlin; empty: the system's")
    String timeZone() default "";

    @AttributeDefinition(description = "How long a question to the user stays open, ISO-8601 duration")
    String confirmationTimeout() default "PT24H";

    @AttributeDefinition(description = "What an unanswered question does when it times out: install or deny")
    String confirmationDefault() default "install";

    @AttributeDefinition(required = false, description = "Overrides per product type: 'robot: install=window; headset: install=confirm, download=now'. Keys: download, install, window, confirmationTimeout, confirmationDefault")
    String[] productPolicies() default {};

    @AttributeDefinition(required = false, description = "Overrides per component, same syntax; they beat the product's")
    String[] componentPolicies() default {};

    @AttributeDefinition(description = "Delay before trying again after a failed pre-update check or a temporary download failure, ISO-8601 duration")
    String recheckDelay() default "PT15M";

    @AttributeDefinition(description = "Free space in bytes that must remain after download, staging and snapshot")
    long reserveBytes() default 67108864L;

    @AttributeDefinition(description = "Space for staging an install, as a multiple of the artifact size (0 to 100)")
    double stagingFactor() default 1.0;

    @AttributeDefinition(description = "Space for the snapshot of the current version, as a multiple of the artifact size (0 to 100)")
    double snapshotFactor() default 1.0;

    @AttributeDefinition(description = "Lowest battery charge in percent for an update to start; ignored while charging, on external power, or when no battery is reported")
    int minBattery() default 30;

    @AttributeDefinition(description = "Whether an install waits for a stable network: online, and no download waiting for the network or retrying")
    boolean requireStableNetwork() default true;
}
