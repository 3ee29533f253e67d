package io.updraft.telemetry.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Configurations as ConfigAdmin would hand them over. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static TelemetryConfig config(Path home, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("home", home.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Converters.standardConverter().convert(m).to(TelemetryConfig.class);
    }
}
