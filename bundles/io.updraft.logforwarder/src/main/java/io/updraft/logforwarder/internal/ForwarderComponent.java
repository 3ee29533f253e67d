package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.time.Clock;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logstore.LogStore;
import io.updraft.product.DeviceInfo;
import io.updraft.product.NetworkMonitor;
import io.updraft.product.NetworkStatus;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.ConsentService;

/**
 * One forwarding destination per factory configuration (file {@code etc/io.updraft.logforwarder-<name>.cfg}).
 * There is none by default: nothing leaves the device until a destination is configured. The anonymizer, the
 * consent service and the network monitor may come and go; without the first two the streams that need them wait,
 * without a network monitor the network is assumed online and not metered.
 */
@Component(name = Settings.PID, service = {}, immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ForwarderConfig.class, factory = true)
public final class ForwarderComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ForwarderComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Anonymizer anonymizer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkMonitor networkMonitor;

    private final Forwarder forwarder;

    @Activate
    public ForwarderComponent(ForwarderConfig config, @Reference LogStore store, @Reference DeviceInfo device,
            BundleContext context) throws IOException {
        Settings s = Settings.of(config);
        String version = context.getBundle().getVersion().toString();
        Sender sender = Destinations.sender(s, device.identity(), version, Clock.systemUTC());
        forwarder = Destinations.forwarder(s, store, sender, () -> anonymizer, () -> consent, this::network,
                Clock.systemUTC());
        if (s.allowInsecure()) {
            LOG.warn("Log forwarder {} allows unencrypted transport to any host (allowInsecure=true): for lab "
                    + "networks only, anyone on the path can read the logs", s.name());
        }
        LOG.info("Log forwarder {}: {} to {}, streams {}, cursor in {}", s.name(), s.protocol().id(), s.url(),
                s.streams(), Forwarder.cursorDir(s));
        forwarder.start();
    }

    private NetworkStatus network() {
        NetworkMonitor m = networkMonitor;
        return m == null ? NetworkStatus.ASSUMED : m.network();
    }

    @Deactivate
    void deactivate() {
        forwarder.close();
    }
}
