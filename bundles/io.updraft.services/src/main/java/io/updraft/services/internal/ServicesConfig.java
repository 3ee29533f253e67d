package io.updraft.services.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft service control",
        description = "How components' services are stopped and started around a switch: systemd units when the device "
                + "runs systemd, the built-in supervisor for services declared with a command")
public @interface ServicesConfig {

    @AttributeDefinition(description = "Root of Updraft's files (absolute); supervised services keep their pid records "
            + "and output in its run/ folder")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(description = "How long one systemctl call may take before it is abandoned (ISO-8601 "
            + "duration); a unit's start waits this long for systemd's start job")
    String systemctlTimeout() default "PT90S";

    @AttributeDefinition(description = "Size above which a supervised service's output log is moved to <service>.log.1 "
            + "when the service starts, bytes (at least 4096)")
    long logLimit() default 1024 * 1024;
}
