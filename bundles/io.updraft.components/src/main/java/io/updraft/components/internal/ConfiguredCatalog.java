package io.updraft.components.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentSpec;

/**
 * One component per factory configuration {@code etc/io.updraft.component-<name>.cfg}. A configuration with a bad
 * key or value is refused as a whole, logged as an error naming the key, and declares nothing: a half-read
 * component (a health check lost to a typo) would be worse than none.
 */
@Component(name = ConfiguredCatalog.PID, service = ComponentCatalog.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ComponentConfig.class, factory = true)
public final class ConfiguredCatalog implements ComponentCatalog {
    static final String PID = "io.updraft.component";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredCatalog.class);
    private static final String FILE = "felix.fileinstall.filename";

    private final ComponentSpec spec;
    private final String catalogName;

    @Activate
    public ConfiguredCatalog(Map<String, Object> properties) {
        String source = String.valueOf(properties.getOrDefault(FILE, properties.get("service.pid")));
        try {
            spec = ComponentParser.parse(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Component configuration {} refused, the component is not declared: {}", source, e.getMessage());
            throw e;
        }
        catalogName = "configuration " + PID + "-" + spec.name();
        Object file = properties.get(FILE);
        if (file != null && !String.valueOf(file).endsWith("/" + PID + "-" + spec.name() + ".cfg")) {
            LOG.warn("Configuration {} declares component {}; naming the file {}-{}.cfg keeps messages clear", file,
                    spec.name(), PID, spec.name());
        }
        LOG.info("Component {} declared by {}: installer {}, services {}, health checks {}", spec.name(), source,
                spec.installer(), spec.services().stream().map(s -> s.name()).toList(),
                spec.healthChecks().stream().map(h -> h.name()).toList());
    }

    @Override
    public String catalogName() {
        return catalogName;
    }

    @Override
    public List<ComponentSpec> components() {
        return List.of(spec);
    }
}
