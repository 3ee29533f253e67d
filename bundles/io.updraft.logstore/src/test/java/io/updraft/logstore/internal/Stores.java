package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

/** Configurations as ConfigAdmin would hand them over, and stores opened with them. */
final class Stores {
    private Stores() {
    }

    static LogStoreConfig config(Path home, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("home", home.toString());
        // Tests run on whatever disk the build has; the guard is tested with a probe of their own.
        m.put("minFreeBytes", "0");
        m.put("minFreePercent", "0");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Converters.standardConverter().convert(m).to(LogStoreConfig.class);
    }

    static FileLogStore open(Path home, Clock clock, Object... keyValues) throws IOException {
        return new FileLogStore(StoreSettings.of(config(home, keyValues)), clock, SpaceProbe.FILE_SYSTEM);
    }
}
