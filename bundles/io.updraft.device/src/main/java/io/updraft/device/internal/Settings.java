package io.updraft.device.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link DeviceConfig} checked once, so the rest of the bundle works with paths and never re-validates. */
record Settings(Path home, Path systemRoot, Optional<String> product, Optional<String> hardwareRevision,
        List<Path> machineIdFiles, List<InterfaceGlob> meteredInterfaces) {

    static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final String PID = DeviceInfoComponent.PID;

    static Settings of(DeviceConfig config) {
        Path home = absolute("home", config.home());
        Path systemRoot = absolute("systemRoot", config.systemRoot());
        String product = config.product() == null ? "" : config.product().trim();
        if (!product.isEmpty() && !PRODUCT.matcher(product).matches()) {
            throw new IllegalArgumentException(PID + " product '" + product + "' must match " + PRODUCT.pattern());
        }
        String hardware = config.hardwareRevision() == null ? "" : config.hardwareRevision().trim();
        if (!hardware.equals(Printable.clean(hardware))) {
            throw new IllegalArgumentException(PID + " hardwareRevision '" + hardware
                    + "' must be at most " + Printable.MAX_LENGTH + " printable characters");
        }
        return new Settings(home, systemRoot, Optional.of(product).filter(p -> !p.isEmpty()),
                Optional.of(hardware).filter(h -> !h.isEmpty()), machineIdFiles(config.machineIdFiles()),
                meteredInterfaces(config.meteredInterfaces()));
    }

    private static Path absolute(String name, String value) {
        Path path = path(name, value);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(PID + " " + name + " '" + value + "' must be an absolute path");
        }
        return path.normalize();
    }

    private static List<Path> machineIdFiles(String[] values) {
        List<Path> files = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            Path path = path("machineIdFiles", value);
            // Absolute or escaping entries would read outside systemRoot, which tests and containers rely on.
            if (path.isAbsolute() || path.normalize().startsWith("..")) {
                throw new IllegalArgumentException(
                        PID + " machineIdFiles entry '" + value + "' must be a path relative to systemRoot");
            }
            files.add(path.normalize());
        }
        return List.copyOf(files);
    }

    private static List<InterfaceGlob> meteredInterfaces(String[] values) {
        List<InterfaceGlob> globs = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            // One .cfg line may list several, as the default does.
            for (String part : value.split(",", -1)) {
                try {
                    globs.add(InterfaceGlob.of(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PID + " meteredInterfaces: " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(globs);
    }

    private static Path path(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PID + " " + name + " '" + value + "' must not be empty");
        }
        try {
            return Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PID + " " + name + " '" + value + "' is not a valid path", e);
        }
    }
}
