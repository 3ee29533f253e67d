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
 * It is given only the components {@link Consistency} found at their committed version; the others are left alone.
 */
final class ServiceResume {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceResume.class);

    private final Context ctx;

    ServiceResume(Context ctx) {
        this.ctx = ctx;
    }

    /** Starts the services that do not run of the given components, whose slots hold their committed versions. */
    void run(List<ComponentsView.Slots> committed) throws InterruptedException {
        for (ComponentsView.Slots s : committed) {
            try {
                resume(s);
            } catch (InstallException | IOException | RuntimeException e) {
                LOG.error("Component {}: its services could not be started after the restart: {}", s.spec().name(),
                        e.getMessage());
            }
        }
    }

    private void resume(ComponentsView.Slots s) throws InstallException, IOException, InterruptedException {
        if (s.spec().services().isEmpty()) {
            return;
        }
        String name = s.spec().name();
        List<String> down = ctx.services().status(s.spec()).stream().filter(st -> !st.running())
                .map(ServiceStatus::service).toList();
        if (down.isEmpty()) {
            return;
        }
        ComponentInstaller installer = ctx.plugins().installer(s.kind());
        Path slot = installer.slot(s.spec(), ctx.layout().componentDir(name), s.active());
        LOG.info("Component {} {}: starting its services {} (not running after the restart)", name,
                s.json(s.active()).map(io.updraft.install.StagedSlot::version).orElse(null), down);
        ctx.services().start(s.spec(), slot);
    }
}
