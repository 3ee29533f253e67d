package io.updraft.state.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Typed configurations the way Configuration Admin would hand them to the component. */
final class TestConfigs {
    private TestConfigs() {
    }

    static DeviceStateComponent.Config config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(DeviceStateComponent.Config.class);
    }

    static DeviceStateComponent.Config config(Path home, int historyLimit) {
        Map<String, Object> p = new HashMap<>();
        p.put("home", home.toString());
        p.put("historyLimit", historyLimit);
        return config(p);
    }

    static DeviceStateComponent.Config config(Path home, int historyLimit, int journalsKept) {
        Map<String, Object> p = new HashMap<>();
        p.put("home", home.toString());
        p.put("historyLimit", historyLimit);
        p.put("journalsKept", journalsKept);
        return config(p);
    }

    static DeviceStateComponent.Config config(Path home) {
        return config(home, 500);
    }
}
