package io.updraft.install;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Stops and starts a component's services around a switch: through systemd for services declared with a unit (when
 * the device runs systemd), through the runtime's own supervisor for services declared with a command. Supervised
 * processes keep running when the runtime stops or is killed and are found again after its restart.
 */
@ProviderType
public interface ServiceControl {

    /**
     * Stops the component's services, last-started first: SIGTERM (or {@code systemctl stop}), then SIGKILL after the
     * service's stop timeout. Stopping a service that does not run succeeds.
     *
     * @throws InstallException {@code SERVICE_FAILED} naming the service if one is still running afterwards
     */
    void stop(ComponentSpec component) throws InstallException, InterruptedException;

    /**
     * Starts the component's services in dependency order ({@link ServiceSpec#after()}), commands resolved against
     * {@code activeSlot}. Starting a service that already runs restarts it.
     *
     * @throws InstallException {@code SERVICE_FAILED} naming the service that could not start
     */
    void start(ComponentSpec component, Path activeSlot) throws InstallException, InterruptedException;

    /** The state of each of the component's services, in declaration order. */
    List<ServiceStatus> status(ComponentSpec component);
}
