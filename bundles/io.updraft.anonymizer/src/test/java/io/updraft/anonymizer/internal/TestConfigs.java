package io.updraft.anonymizer.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Typed configurations the way Configuration Admin would hand them to the component. */
final class TestConfigs {
    static final String ME = System.getProperty("user.name");

    private TestConfigs() {
    }

    static AnonymizerConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(AnonymizerConfig.class);
    }

    /** The default rules with {@code extraRules} added, the key kept under {@code home}. */
    static Map<String, Object> properties(Path home, String... extraRules) {
        List<String> rules = new ArrayList<>(Arrays.asList(config(Map.of()).rules()));
        rules.addAll(Arrays.asList(extraRules));
        Map<String, Object> p = new HashMap<>();
        p.put("home", home.toString());
        p.put("rules", rules.toArray(new String[0]));
        return p;
    }

    static AnonymizerComponent component(Map<String, Object> properties, Clock clock) {
        return new AnonymizerComponent(config(properties), clock, new SecureRandom(), ME);
    }

    static AnonymizerComponent component(Path home, Clock clock, String... extraRules) {
        return component(properties(home, extraRules), clock);
    }

    static Map<String, Object> with(Map<String, Object> properties, String key, Object value) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put(key, value);
        return p;
    }
}
