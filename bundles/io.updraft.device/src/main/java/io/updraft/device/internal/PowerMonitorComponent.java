package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.product.PowerMonitor;
import io.updraft.product.PowerStatus;

/**
 * The power supply as the kernel's power-supply class shows it under {@code sys/class/power_supply/}. Batteries of
 * peripherals (wireless mice, controllers: {@code scope} {@code Device}) and absent ones ({@code present} 0) are
 * not the device's own and are ignored. With several batteries the lowest charge counts, since the update must
 * not stop on whichever runs out first.
 */
@Component(name = PowerMonitorComponent.NAME, configurationPid = DeviceInfoComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=0")
public final class PowerMonitorComponent implements PowerMonitor {
    static final String NAME = "io.updraft.device.power";
    private static final Logger LOG = LoggerFactory.getLogger(PowerMonitorComponent.class);

    private final Path supplies;

    @Activate
    public PowerMonitorComponent(DeviceConfig config) {
        this.supplies = Settings.of(config).systemRoot().resolve("sys/class/power_supply");
        LOG.info("Power monitor reads {}", supplies);
    }

    @Override
    public Optional<PowerStatus> power() {
        boolean battery = false;
        int lowest = Integer.MAX_VALUE;
        boolean charging = false;
        boolean external = false;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(supplies)) {
            for (Path dir : dirs) {
                String type = read(dir, "type");
                if ("Battery".equals(type)) {
                    if ("Device".equals(read(dir, "scope")) || "0".equals(read(dir, "present"))) {
                        continue;
                    }
                    battery = true;
                    Integer capacity = percent(read(dir, "capacity"));
                    if (capacity != null) {
                        lowest = Math.min(lowest, capacity);
                    }
                    charging |= "Charging".equals(read(dir, "status"));
                } else if (type != null && "1".equals(read(dir, "online"))) {
                    // Mains, USB, USB_PD, Wireless, UPS: any connected supply powers the device.
                    external = true;
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("Cannot list {}", supplies, e);
            return Optional.empty();
        }
        if (!battery) {
            return Optional.empty();
        }
        OptionalInt percent = lowest == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(lowest);
        return Optional.of(new PowerStatus(percent, charging, external));
    }

    private static Integer percent(String text) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            // Some fuel gauges overshoot while calibrating; a value past the ends is clamped, not dropped.
            return Math.max(0, Math.min(100, value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The attribute's trimmed text, or null when the driver does not export it or it cannot be read. */
    private static String read(Path dir, String attribute) {
        try {
            return Files.readString(dir.resolve(attribute), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
