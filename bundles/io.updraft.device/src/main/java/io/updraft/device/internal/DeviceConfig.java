package io.updraft.device.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft device identity",
        description = "Stable device ID, product type and hardware revision of this device")
public @interface DeviceConfig {

    @AttributeDefinition(
            description = "Updraft home directory; the device ID and its source are kept in state/device-id")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(description = "Root of the file system to inspect (machine-id, /sys)")
    String systemRoot() default "/";

    @AttributeDefinition(required = false,
            description = "Product type, e.g. robot; empty: detected by the installed product plugins, else generic")
    String product() default "";

    @AttributeDefinition(required = false,
            description = "Hardware revision; empty: read from the device tree model or DMI")
    String hardwareRevision() default "";

    @AttributeDefinition(description = "machine-id files to try in order, relative to the system root")
    String[] machineIdFiles() default { "etc/machine-id", "var/lib/dbus/machine-id" };

    @AttributeDefinition(description = "Network interfaces whose traffic is metered (cellular, tethering), as globs with * and ?")
    String[] meteredInterfaces() default { "wwan*", "ppp*", "rmnet*", "usb*", "wwp*" };
}
