package io.updraft.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code io.updraft.telemetry}, shared by the runtime and the built-in collectors. Lists may be given
 * as arrays or as comma-separated strings; durations as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 7d} or ISO-8601 ({@code PT30S}).
 */
@ObjectClassDefinition(name = "Updraft telemetry",
        description = "What telemetry is collected, how often and how it is gated by consent; the log store (io.updraft.logstore) keeps it.")
public @interface TelemetryConfig {
    @AttributeDefinition(name = "Home", description = "The Updraft home directory; consent and event sequence numbers live in its telemetry/ folder. Absolute path.")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(name = "Policy version", description = "Version of the privacy policy users consent to; raising it requires consent to be renewed.")
    int policyVersion() default 1;

    @AttributeDefinition(name = "On by default", description = "Categories collected until the user withdraws consent. Personal categories (usage, location) are refused here.")
    String[] defaultOn() default {"diagnostics", "performance", "crash", "ota"};

    @AttributeDefinition(name = "Stored without anonymizer", description = "Categories stored even while no anonymizer is bound (missing or failed to start); every other category is then held back. Only non-personal categories known to carry no personal data belong here, e.g. performance.")
    String[] storedWithoutAnonymizer() default {};

    @AttributeDefinition(name = "Collector intervals", description = "Overrides of collectors' sampling intervals, as name=duration, e.g. cpu=30s.")
    String[] intervals() default {};

    @AttributeDefinition(name = "Collector timeout", description = "A collector call that takes longer is abandoned and reported.")
    String collectorTimeout() default "10s";

    @AttributeDefinition(name = "Collector threads", description = "Worker threads that run collectors (1-16).")
    int collectorThreads() default 2;

    @AttributeDefinition(name = "proc root", description = "Where the proc file system is mounted.")
    String procRoot() default "/proc";

    @AttributeDefinition(name = "sys root", description = "Where the sys file system is mounted.")
    String sysRoot() default "/sys";

    @AttributeDefinition(name = "smartctl", description = "Path of smartctl; disk health is collected only when it exists.")
    String smartctl() default "/usr/sbin/smartctl";

    @AttributeDefinition(name = "systemd tools path", description = "Directories searched for systemctl and journalctl, PATH-style; crashes of systemd units are collected only where systemctl is found.")
    String systemdPath() default "/usr/bin:/bin";

    @AttributeDefinition(name = "systemd units", description = "Units (names or glob patterns) watched for restarts and failures; failed units of any kind are reported too.")
    String[] systemdUnits() default {"*.service"};

    @AttributeDefinition(name = "Crash log lines", description = "How many of a crashed service's last log lines a crash report carries (0-50); they pass the anonymizer like every field.")
    int crashLogLines() default 20;

    @AttributeDefinition(name = "Processes", description = "Processes whose figures are collected besides this JVM, as name=pidfile.")
    String[] processes() default {};
}
