package io.updraft.checker.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.event.Event;
import org.osgi.util.converter.Converters;

import io.updraft.product.DeviceIdentity;
import io.updraft.product.DeviceInfo;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.InstalledComponent;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateSource;
import io.updraft.update.Version;

/** The real state store in a temporary home, fake sources and EventAdmin, and virtual time. */
public abstract class CheckerFixture {
    static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    Path home;
    DeviceStateComponent state;
    final DeviceInfo device = () -> new DeviceIdentity("d00dfeed", "generated", "robot", "configured", "rev-c");
    final ManualCheckThread thread = new ManualCheckThread(T0);
    final FakeEventAdmin events = new FakeEventAdmin();
    final FakeSource production = new FakeSource("production");
    final FakeSource staging = new FakeSource("staging");
    /** 0.5 puts every jittered delay exactly on its base value. */
    DoubleSupplier random = () -> 0.5;

    @Before
    public void openState() throws Exception {
        home = tmp.newFolder("home").toPath();
        state = openStateAgain();
    }

    DeviceStateComponent openStateAgain() throws Exception {
        return new DeviceStateComponent(Converters.standardConverter().convert(Map.of("home", home.toString()))
                .to(DeviceStateComponent.Config.class));
    }

    CheckerComponent checker(Object... config) {
        CheckerComponent c = new CheckerComponent(TestConfigs.settings(config), state, device, thread, thread, random);
        c.bindEventAdmin(events);
        bind(c, production);
        bind(c, staging);
        return c;
    }

    static void bind(CheckerComponent c, UpdateSource s) {
        c.bindUpdateSource(s, Map.of(UpdateSource.NAME_PROPERTY, s.name()));
    }

    void install(String component, String version) throws Exception {
        state.recordInstalled(new InstalledComponent(component, Version.parse(version), T0));
    }

    StateTransition lastTransition() {
        List<StateTransition> h = state.history(1);
        return h.get(0);
    }

    static Object prop(Event e, String name) {
        return e.getProperty(name);
    }
}
