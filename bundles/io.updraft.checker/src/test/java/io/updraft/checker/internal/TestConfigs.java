package io.updraft.checker.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Checker configurations the way Configuration Admin would hand them to the component. */
final class TestConfigs {
    private TestConfigs() {
    }

    static CheckerConfig config(Object... keysAndValues) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Converters.standardConverter().convert(p).to(CheckerConfig.class);
    }

    static Settings settings(Object... keysAndValues) {
        return Settings.of(config(keysAndValues));
    }
}
