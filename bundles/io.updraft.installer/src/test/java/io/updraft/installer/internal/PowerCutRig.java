package io.updraft.installer.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.util.converter.Converters;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheckSpec;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.DeviceStateService;
import io.updraft.update.StateException;

/** What the power-cut child and the parent's recovery both build on a home: the same plugins and declarations. */
final class PowerCutRig {
    static final List<String> COMPONENTS = List.of("api", "web", "ui");

    final Plugins plugins = new Plugins();
    final TreeInstaller archive = new TreeInstaller("archive");
    final FakeScheduler scheduler = new FakeScheduler();
    final TestPackages verifier = new TestPackages();
    final DeviceStateComponent store;
    final Installer installer;

    PowerCutRig(Path home, boolean announce) throws Exception {
        plugins.add(archive);
        plugins.add(new VersionCheck());
        List<ComponentSpec> specs = COMPONENTS.stream().map(PowerCutRig::spec).toList();
        plugins.add(new ComponentCatalog() {
            @Override
            public String catalogName() {
                return "power-cut";
            }

            @Override
            public List<ComponentSpec> components() {
                return specs;
            }
        });
        store = open(home);
        DeviceStateService state = announce ? new AnnouncingState(store) : store;
        installer = new Installer(Settings.of(Converters.standardConverter().convert(Map.of("home", home.toString(),
                "trustRoot", home.resolve("root.json").toString())).to(InstallerConfig.class)), state, verifier,
                scheduler, new RecordingServices(announce ? 20 : 0), new MemorySnapshots(), plugins, () -> null, Clock.systemUTC(),
                Duration.ZERO, Duration.ofSeconds(20));
    }

    static DeviceStateComponent open(Path home) throws StateException {
        return new DeviceStateComponent(Converters.standardConverter().convert(Map.of("home", home.toString()))
                .to(DeviceStateComponent.Config.class));
    }

    private static ComponentSpec spec(String name) {
        HealthCheckSpec check = new HealthCheckSpec("ver", "version", "etc/version", Map.of("sleepMs", "5"),
                Duration.ofMillis(5), Duration.ofSeconds(2), 2, 2);
        return new ComponentSpec(name, ComponentSpec.ARCHIVE, null, List.of(), List.of(check), Duration.ofSeconds(5),
                List.of(), List.of(), List.of(), Map.of(), null, null, Map.of());
    }
}
