package io.updraft.rest.internal;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.ComponentChange;
import io.updraft.install.ComponentState;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.ServiceStatus;
import io.updraft.install.Snapshot;
import io.updraft.update.Version;

/**
 * The JSON of the installer's model: history records, a running install's progress, and the slots, services and
 * snapshots {@code GET status} adds to each component. Enum values are upper-case names; times are ISO-8601
 * instants or null; absent versions are null.
 */
final class InstallJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private InstallJson() {
    }

    static ObjectNode record(InstallRecord r) {
        ObjectNode o = JSON.objectNode()
                .put("id", r.id())
                .put("action", r.action().name());
        ArrayNode changes = o.putArray("changes");
        for (ComponentChange c : r.changes()) {
            changes.addObject()
                    .put("component", c.component())
                    .put("from", version(c.from()))
                    .put("to", version(c.to()));
        }
        return o.put("started", time(r.started()))
                .put("finished", time(r.finished()))
                .put("outcome", r.outcome().name())
                .put("reason", r.reason())
                .put("by", r.by());
    }

    static ObjectNode progress(InstallProgressView p) {
        return JSON.objectNode()
                .put("id", p.id())
                .put("step", p.step().name())
                .put("component", p.component())
                .put("done", p.done())
                .put("total", p.total())
                .put("percent", p.total() <= 0 ? null : (int) Math.min(100, p.done() * 100 / p.total()))
                .put("trialDeadline", time(p.trialDeadline()))
                .put("since", time(p.since()));
    }

    /** Adds a component's slots, services and snapshots to its entry in {@code GET status}. */
    static void slots(ObjectNode into, ComponentState c) {
        into.put("installKind", c.installKind())
                .put("activeSlot", c.activeSlot().isEmpty() ? null : c.activeSlot())
                .put("activeVersion", version(c.activeVersion()))
                .put("rollbackVersion", version(c.inactiveVersion()));
        ArrayNode services = into.putArray("services");
        for (ServiceStatus s : c.services()) {
            services.addObject()
                    .put("name", s.service())
                    .put("manager", s.manager())
                    .put("running", s.running())
                    .put("pid", s.pid() < 0 ? null : s.pid())
                    .put("since", time(s.since()))
                    .put("restarts", s.restarts())
                    .put("detail", s.detail());
        }
        ArrayNode snapshots = into.putArray("snapshots");
        for (Snapshot s : c.snapshots()) {
            ObjectNode o = snapshots.addObject()
                    .put("id", s.id())
                    .put("version", version(s.version()))
                    .put("installKind", s.installKind())
                    .put("created", time(s.created()))
                    .put("bytes", s.bytes())
                    .put("sha256", s.sha256());
            s.parts().forEach(o.putArray("parts")::add);
        }
    }

    static String version(Version v) {
        return v == null ? null : v.toString();
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
