package io.updraft.source.repository.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.update.Offer;
import io.updraft.update.SourceException;
import io.updraft.update.UpdateSource;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;

/**
 * One signed static repository as an update source, one instance per factory configuration
 * (file {@code etc/io.updraft.source.repository-<name>.cfg}). Every {@link #offers()} runs a full TUF refresh through the
 * verifier; only what it trusts is offered.
 */
// Registered by hand rather than by DS: the service property updraft.source must carry the configured name, and
// DS can only copy configuration keys verbatim.
@Component(name = RepositorySource.PID, service = {}, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RepositoryConfig.class, factory = true)
public final class RepositorySource implements UpdateSource {
    static final String PID = "io.updraft.source.repository";
    private static final Logger LOG = LoggerFactory.getLogger(RepositorySource.class);

    private final Settings settings;
    private final UpdateVerifier verifier;
    private final HttpTransport transport;
    private final String where;
    private ServiceRegistration<UpdateSource> registration;

    @Activate
    public RepositorySource(RepositoryConfig config, @Reference UpdateVerifier verifier, BundleContext context)
            throws IOException {
        this(Settings.of(config), verifier, "updraft/" + context.getBundle().getVersion());
        registration = context.registerService(UpdateSource.class, this,
                FrameworkUtil.asDictionary(Map.of(UpdateSource.NAME_PROPERTY, settings.name())));
    }

    RepositorySource(Settings settings, UpdateVerifier verifier, String userAgent) throws IOException {
        this.settings = settings;
        this.verifier = verifier;
        this.transport = new HttpTransport(settings, userAgent);
        this.where = "repository " + settings.name() + " (" + settings.metadataUrl() + ")";
        if (settings.policy().allowsInsecureHttp()) {
            LOG.warn("Repository source {} allows plain http to any host (allowInsecureHttp=true): for lab networks "
                    + "only, anyone on the path can see and withhold updates", settings.name());
        }
        LOG.info("Repository source {}: metadata {}, targets {}, mirrors {}, trust root {}", settings.name(),
                settings.metadataUrl(), settings.targetsUrl(), settings.targetsMirrors(), settings.trustRoot());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
            registration = null;
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    // Serialised: a periodic and an on-demand check must not interleave one repository's trust updates.
    @Override
    public synchronized List<Offer> offers() throws SourceException {
        TrustedRepository repository;
        try {
            repository = verifier.refresh(settings.name(), settings.trustRoot(), transport);
        } catch (VerificationException e) {
            throw SourceFailures.of(where, e);
        } catch (IOException e) {
            throw SourceFailures.of(where, e);
        } catch (IllegalArgumentException e) {
            throw SourceFailures.of(where, e);
        }
        List<Offer> offers = Offers.of(settings.name(), settings.targetsUrl(), settings.targetsMirrors(), repository);
        LOG.debug("Repository {} offers {} release(s) at targets version {}", settings.name(), offers.size(),
                repository.targetsVersion());
        return offers;
    }
}
