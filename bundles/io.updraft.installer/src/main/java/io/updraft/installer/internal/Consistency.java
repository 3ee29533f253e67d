package io.updraft.installer.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Action;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.install.StagedSlot;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Version;

/**
 * After the recovery: compares, for each component with an active slot, the version the device state records with
 * the version the slot holds. A difference means someone changed the slots by hand; it is reported, not moved.
 */
final class Consistency {
    private static final Logger LOG = LoggerFactory.getLogger(Consistency.class);

    private final Context ctx;
    private final ComponentsView view;

    Consistency(Context ctx, ComponentsView view) {
        this.ctx = ctx;
        this.view = view;
    }

    /** Reports differences; returns the components whose active slot holds the recorded version. */
    List<ComponentsView.Slots> check() {
        List<ComponentsView.Slots> consistent = new ArrayList<>();
        List<String> names;
        try {
            names = ctx.layout().componentNames();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", ctx.layout().components(), e.getMessage());
            return consistent;
        }
        for (String name : names) {
            try {
                ComponentsView.Slots s = view.slots(name);
                if (s.active().isEmpty()) {
                    continue;
                }
                Version inSlot = s.json(s.active()).map(StagedSlot::version).orElse(null);
                Version recorded = ctx.state().installed(name).map(InstalledComponent::version).orElse(null);
                if (inSlot != null && inSlot.equals(recorded)) {
                    consistent.add(s);
                    continue;
                }
                String problem = "component " + name + ": the device state records version "
                        + (recorded == null ? "none" : recorded) + " but its active slot " + s.active() + " holds "
                        + (inSlot == null ? "no described version" : inSlot) + "; left as it is";
                LOG.warn("{}", problem);
                notice(name, problem);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Component {} cannot be checked: {}", name, e.getMessage());
            }
        }
        return consistent;
    }

    private void notice(String name, String problem) throws IOException {
        Optional<InstallRecord> newest = ctx.history().newestFirst(1).stream().findFirst();
        if (newest.isPresent() && newest.get().reason().equals(problem)) {
            return;
        }
        String id = "check-" + name + "-" + ctx.clock().instant().toEpochMilli();
        ctx.history().put(new InstallRecord(id, Action.INSTALL, List.of(), ctx.clock().instant(), ctx.clock().instant(),
                Outcome.FAILED, problem, "recovery"));
    }
}
