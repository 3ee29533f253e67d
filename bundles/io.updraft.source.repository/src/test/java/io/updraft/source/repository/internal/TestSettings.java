package io.updraft.source.repository.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Configurations as ConfigAdmin would deliver them, with short timeouts for tests. */
final class TestSettings {
    private TestSettings() {
    }

    static RepositoryConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(RepositoryConfig.class);
    }

    /** A source named {@code test} whose metadata and targets live below {@code base}. */
    static Map<String, Object> properties(String base, Path dir) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "test");
        p.put("metadataUrl", base + "metadata/");
        p.put("targetsUrl", base + "targets/");
        p.put("trustRoot", dir.resolve("root.json").toString());
        p.put("cacheDir", dir.resolve("cache").toString());
        p.put("connectTimeoutSeconds", 2);
        p.put("readTimeoutSeconds", 2);
        p.put("metadataTimeoutSeconds", 10);
        p.put("minBytesPerSecond", 100L);
        return p;
    }

    static Settings settings(Map<String, Object> properties) {
        return Settings.of(config(properties));
    }

    static HttpTransport transport(Map<String, Object> properties) throws java.io.IOException {
        return new HttpTransport(settings(properties), "updraft/test");
    }

    static Map<String, Object> with(Map<String, Object> properties, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(properties);
        copy.put(key, value);
        return copy;
    }
}
