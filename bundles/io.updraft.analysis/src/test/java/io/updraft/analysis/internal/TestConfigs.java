package io.updraft.analysis.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Configurations made the way ConfigAdmin makes them. */
final class TestConfigs {
    private TestConfigs() {
    }

    static AnalysisConfig config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("home", "/tmp/updraft-analysis-test");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Converters.standardConverter().convert(m).to(AnalysisConfig.class);
    }

    static Settings settings(Object... keyValues) {
        return Settings.of(config(keyValues));
    }
}
