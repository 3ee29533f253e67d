package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentInstaller;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceStatus;

/**
 * After the recovery: starts the services of components whose active version is the committed one but whose
 * services do not run, as after a reboot (supervised processes do not survive one; the runtime is what starts them).
 * A component whose slot and device state disagree is left alone, like {@link Consistency} leaves it.
 */
final class ServiceResume {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceResume.class);

    private final Context ctx;
    private final ComponentsView view;

    ServiceResume(Context ctx, ComponentsView view) {
        this.ctx = ctx;
        this.view = view;
    }

    void run() throws InterruptedException {
        List<String> names;
        try {
            names = ctx.layout().componentNames();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", ctx.layout().components(), e.getMessage());
            return;
        }
        for (String name : names) {
            try {
                resume(name);
            } catch (InstallException | IOException | RuntimeException e) {
                LOG.error("Component {}: its services could not be started after the restart: {}", name,
                        e.getMessage());
            }
        }
    }

    private void resume(String name) throws InstallException, IOException, InterruptedException {
        ComponentsView.Slots s = view.slots(name);
        if (s.active().isEmpty() || s.spec().services().isEmpty()) {
            return;
        }
        var inSlot = s.json(s.active()).map(io.updraft.install.StagedSlot::version);
        var recorded = ctx.state().installed(name).map(io.updraft.update.InstalledComponent::version);
        if (inSlot.isEmpty() || !inSlot.equals(recorded)) {
            return;
        }
        List<ServiceStatus> status = ctx.services().status(s.spec());
        List<String> down = status.stream().filter(st -> !st.running()).map(ServiceStatus::service).toList();
        if (down.isEmpty()) {
            return;
        }
        ComponentInstaller installer = ctx.plugins().installer(s.kind());
        Path slot = installer.slot(s.spec(), ctx.layout().componentDir(name), s.active());
        LOG.info("Component {} {}: starting its services {} (not running after the restart)", name, inSlot.get(), down);
        ctx.services().start(s.spec(), slot);
    }
}
