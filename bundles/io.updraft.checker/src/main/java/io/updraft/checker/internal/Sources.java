package io.updraft.checker.internal;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.update.SourceException;
import io.updraft.update.UpdateSource;

/** The update sources registered now, by their {@value UpdateSource#NAME_PROPERTY} service property. */
final class Sources {
    static final String NO_SOURCE = "no_source";
    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);

    private final Map<String, UpdateSource> byName = new ConcurrentHashMap<>();

    void add(UpdateSource source, Map<String, ?> properties) {
        String name = nameOf(source, properties);
        if (name == null) {
            return;
        }
        UpdateSource before = byName.put(name, source);
        if (before != null && before != source) {
            LOG.warn("Two update sources are named '{}'; using the one registered last", name);
        } else {
            LOG.info("Update source '{}' is available", name);
        }
    }

    void remove(UpdateSource source, Map<String, ?> properties) {
        String name = nameOf(source, properties);
        if (name != null && byName.remove(name, source)) {
            LOG.info("Update source '{}' is gone", name);
        }
    }

    /**
     * The source of that name.
     *
     * @throws SourceException code {@value #NO_SOURCE}, naming the wanted and the available sources; retryable,
     *         since a source bundle may still be starting
     */
    UpdateSource require(String name) throws SourceException {
        UpdateSource source = byName.get(name);
        if (source == null) {
            throw new SourceException(NO_SOURCE, "no update source named '" + name + "'; available: "
                    + (byName.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byName.keySet()))), true, null);
        }
        return source;
    }

    private static String nameOf(UpdateSource source, Map<String, ?> properties) {
        Object name = properties.get(UpdateSource.NAME_PROPERTY);
        if (!(name instanceof String) || ((String) name).isBlank()) {
            LOG.warn("Ignoring update source {}: its service property {} is {} rather than a name",
                    source.getClass().getName(), UpdateSource.NAME_PROPERTY, name);
            return null;
        }
        return (String) name;
    }
}
