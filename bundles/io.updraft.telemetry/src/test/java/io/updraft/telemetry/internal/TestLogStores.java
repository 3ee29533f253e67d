package io.updraft.telemetry.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.rules.ExternalResource;
import org.osgi.util.converter.Converters;

import io.updraft.logstore.internal.FileLogStore;
import io.updraft.logstore.internal.LogStoreConfig;

/** The real log store, one per home, open for the length of a test like the service in the runtime. */
public final class TestLogStores extends ExternalResource {
    private final Map<Path, FileLogStore> stores = new HashMap<>();

    public FileLogStore of(Path home) {
        return stores.computeIfAbsent(home, h -> {
            try {
                return new FileLogStore(Converters.standardConverter().convert(Map.of("home", h.toString(),
                        "minFreeBytes", "0", "minFreePercent", "0", "syncInterval", "100ms"))
                        .to(LogStoreConfig.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    protected void after() {
        for (FileLogStore s : stores.values()) {
            try {
                s.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        stores.clear();
    }
}
