package io.updraft.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.updraft.update.Names;

/**
 * How one component is installed and run, as the product plugin or the configuration declares it.
 *
 * @param name the component name, see {@link Names#requireComponentName}
 * @param installer the install kind: {@code archive} (a file tree in a directory slot) or {@code image} (raw bytes
 *        in a slot file or partition), or the kind of a {@link ComponentInstaller} a plugin provides
 * @param link for file trees: a path the runtime keeps as a symbolic link to the component's active slot (e.g.
 *        {@code /opt/robot}), so the component's users never see a half-written tree; null for none
 * @param services the component's services, stopped before and started after each switch
 * @param healthChecks checks that decide, after a switch, between commit and rollback
 * @param trialDeadline how long health checks may take to pass after a switch before it is rolled back
 * @param configPaths files or directories of the component's configuration: snapshotted before each update,
 *        put back on rollback
 * @param dataPaths the component's data: snapshotted before each update, restored only on a rollback to a snapshot
 *        when asked for, never touched otherwise
 * @param migrate a program and arguments run after staging, before the switch, to migrate configuration from the
 *        running version to the staged one (environment: {@code UPDRAFT_COMPONENT}, {@code UPDRAFT_FROM_VERSION},
 *        {@code UPDRAFT_TO_VERSION}, {@code UPDRAFT_STAGED_SLOT}); empty for none
 * @param imageSlots for images: slot name ({@code a}, {@code b}) to the partition or file that holds it; empty
 *        means files in the component's own folder
 * @param owner user name or numeric id owning installed files (needs the right to change owners); null keeps the
 *        runtime's user
 * @param group group name or numeric id, as {@code owner}
 * @param properties install-kind and plugin specific settings, e.g. {@code maxExpansionRatio}
 */
public record ComponentSpec(String name, String installer, Path link, List<ServiceSpec> services,
        List<HealthCheckSpec> healthChecks, Duration trialDeadline, List<Path> configPaths, List<Path> dataPaths,
        List<String> migrate, Map<String, Path> imageSlots, String owner, String group, Map<String, String> properties) {

    /** Install kind of file trees. */
    public static final String ARCHIVE = "archive";
    /** Install kind of raw images. */
    public static final String IMAGE = "image";

    public ComponentSpec {
        Names.requireComponentName(name);
        if (installer == null || !installer.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("component " + name + ": install kind '" + installer + "' is not a valid name");
        }
        if (link != null && !link.isAbsolute()) {
            throw new IllegalArgumentException("component " + name + ": link " + link + " must be an absolute path");
        }
        services = services == null ? List.of() : List.copyOf(services);
        healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
        Objects.requireNonNull(trialDeadline, "trialDeadline");
        if (trialDeadline.isNegative() || trialDeadline.isZero()) {
            throw new IllegalArgumentException("component " + name + ": trial deadline must be positive, not " + trialDeadline);
        }
        configPaths = configPaths == null ? List.of() : List.copyOf(configPaths);
        dataPaths = dataPaths == null ? List.of() : List.copyOf(dataPaths);
        for (Path p : configPaths) {
            requireAbsolute(name, "config path", p);
        }
        for (Path p : dataPaths) {
            requireAbsolute(name, "data path", p);
        }
        migrate = migrate == null ? List.of() : List.copyOf(migrate);
        imageSlots = imageSlots == null ? Map.of() : Map.copyOf(imageSlots);
        for (Map.Entry<String, Path> e : imageSlots.entrySet()) {
            if (!e.getKey().equals("a") && !e.getKey().equals("b")) {
                throw new IllegalArgumentException("component " + name + ": image slot '" + e.getKey() + "' must be a or b");
            }
            requireAbsolute(name, "image slot " + e.getKey(), e.getValue());
        }
        if (!imageSlots.isEmpty() && imageSlots.size() != 2) {
            throw new IllegalArgumentException("component " + name + ": image slots need both a and b, not only " + imageSlots.keySet());
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        Set<String> names = new HashSet<>();
        for (ServiceSpec s : services) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("component " + name + " declares service " + s.name() + " twice");
            }
        }
        for (ServiceSpec s : services) {
            for (String before : s.after()) {
                if (!names.contains(before)) {
                    throw new IllegalArgumentException("component " + name + ": service " + s.name()
                            + " is to start after '" + before + "', which the component does not declare");
                }
            }
        }
        Set<String> checks = new HashSet<>();
        for (HealthCheckSpec h : healthChecks) {
            if (!checks.add(h.name())) {
                throw new IllegalArgumentException("component " + name + " declares health check " + h.name() + " twice");
            }
        }
    }

    /** A component with no services, checks, configuration or data declared: installed, switched and committed. */
    public static ComponentSpec plain(String name, String installer) {
        return new ComponentSpec(name, installer, null, List.of(), List.of(), Duration.ofMinutes(5), List.of(), List.of(),
                List.of(), Map.of(), null, null, Map.of());
    }

    private static void requireAbsolute(String component, String what, Path p) {
        if (p == null || !p.isAbsolute()) {
            throw new IllegalArgumentException("component " + component + ": " + what + " " + p + " must be an absolute path");
        }
    }
}
