package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** A fake system root and Updraft home in a temporary folder, and configurations pointing at them. */
final class FakeSystem {
    final Path root;
    final Path home;

    FakeSystem(Path base) throws IOException {
        this.root = Files.createDirectories(base.resolve("root"));
        this.home = base.resolve("home");
    }

    FakeSystem file(String relative, String content) throws IOException {
        return file(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    FakeSystem file(String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return this;
    }

    FakeSystem machineId(String content) throws IOException {
        return file("etc/machine-id", content);
    }

    /** A network interface; physical ones have the {@code device} link sysfs gives hardware. */
    FakeSystem nic(String name, String mac, boolean physical) throws IOException {
        file("sys/class/net/" + name + "/address", mac + "\n");
        if (physical) {
            Files.createDirectories(root.resolve("sys/class/net/" + name + "/device"));
        }
        return this;
    }

    Path deviceIdFile() {
        return home.resolve("state/device-id");
    }

    /** A new installation on the same hardware: the persisted device ID is gone. */
    FakeSystem forgetDeviceId() throws IOException {
        Files.deleteIfExists(deviceIdFile());
        return this;
    }

    Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        props.put("home", home.toString());
        props.put("systemRoot", root.toString());
        return props;
    }

    static DeviceConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(DeviceConfig.class);
    }

    DeviceConfig config() {
        return config(properties());
    }

    DeviceInfoComponent start() throws IOException {
        return new DeviceInfoComponent(config());
    }

    DeviceInfoComponent start(Map<String, Object> extra) throws IOException {
        Map<String, Object> props = properties();
        props.putAll(extra);
        return new DeviceInfoComponent(config(props));
    }
}
