package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.product.NetworkMonitor;
import io.updraft.product.NetworkStatus;

/**
 * The network as the kernel's routing tables show it: online when a usable default route (IPv4 first, then IPv6,
 * lowest metric first) goes over an interface whose {@code operstate} is {@code up} or {@code unknown}. Unknown is
 * accepted because tun, ppp and many cellular drivers never report link state, and these are exactly the links
 * a default route is put on by a connection manager once they work. Metered when that interface matches one of
 * {@code meteredInterfaces}.
 */
@Component(name = NetworkMonitorComponent.NAME, configurationPid = DeviceInfoComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=0")
public final class NetworkMonitorComponent implements NetworkMonitor {
    static final String NAME = "io.updraft.device.network";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkMonitorComponent.class);

    private final Path systemRoot;
    private final List<InterfaceGlob> metered;
    private final AtomicBoolean warnedNoTables = new AtomicBoolean();

    @Activate
    public NetworkMonitorComponent(DeviceConfig config) {
        Settings settings = Settings.of(config);
        this.systemRoot = settings.systemRoot();
        this.metered = settings.meteredInterfaces();
        LOG.info("Network monitor reads routes under {}; metered interfaces {}", systemRoot, metered);
    }

    @Override
    public NetworkStatus network() {
        List<String> v4 = lines("proc/net/route");
        List<String> v6 = lines("proc/net/ipv6_route");
        if (v4 == null && v6 == null) {
            // No procfs (a container or a test root without it): blocking every transfer would be worse.
            if (warnedNoTables.compareAndSet(false, true)) {
                LOG.warn("No routing tables under {}/proc/net; assuming the device is online and not metered",
                        systemRoot);
            }
            return NetworkStatus.ASSUMED;
        }
        List<DefaultRoutes.Route> routes = new ArrayList<>();
        routes.addAll(DefaultRoutes.ipv4(v4 == null ? List.of() : v4));
        routes.addAll(DefaultRoutes.ipv6(v6 == null ? List.of() : v6));
        for (DefaultRoutes.Route route : routes) {
            if (linkUp(route.iface())) {
                String iface = route.iface();
                return new NetworkStatus(true, metered.stream().anyMatch(g -> g.matches(iface)), iface);
            }
        }
        return new NetworkStatus(false, false, "");
    }

    private boolean linkUp(String iface) {
        Path dir = systemRoot.resolve("sys/class/net");
        Path ifaceDir = dir.resolve(iface).normalize();
        if (!ifaceDir.getParent().equals(dir) || !Files.isDirectory(ifaceDir)) {
            // A route left over for an interface that is gone.
            return false;
        }
        try {
            String state = Files.readString(ifaceDir.resolve("operstate"), StandardCharsets.US_ASCII).trim();
            return "up".equals(state) || "unknown".equals(state);
        } catch (NoSuchFileException e) {
            // Drivers too old to export operstate: like "unknown".
            return true;
        } catch (IOException e) {
            LOG.debug("Cannot read the operstate of {}", iface, e);
            return false;
        }
    }

    private List<String> lines(String relative) {
        try {
            return Files.readAllLines(systemRoot.resolve(relative), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot read {}", relative, e);
            return List.of();
        }
    }
}
