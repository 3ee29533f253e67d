package io.updraft.installer.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.update.StateTransition;

/** Announces progress, results and state moves on EventAdmin, when there is one; posted, never waited for. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    static final String STATE = "io/updraft/update/STATE";

    private final Supplier<EventAdmin> admin;

    Events(Supplier<EventAdmin> admin) {
        this.admin = admin;
    }

    void progress(String id, String step, String component, long done, long total) {
        post(InstallService.PROGRESS_TOPIC, Map.of("id", id, "step", step, "component", component, "done", done,
                "total", total));
    }

    void result(InstallRecord r) {
        post(InstallService.RESULT_TOPIC, Map.of("id", r.id(), "action", r.action().name(), "outcome",
                r.outcome().name(), "reason", r.reason()));
    }

    void state(StateTransition t) {
        post(STATE, Map.of("from", t.from().name(), "to", t.to().name(), "updateId", t.updateId(), "reason",
                t.reason()));
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = admin.get();
        if (ea != null) {
            try {
                ea.postEvent(new Event(topic, new HashMap<>(properties)));
            } catch (RuntimeException e) {
                // An announcement must never break the step it follows: the state is already durable.
                LOG.warn("Could not post {}: {}", topic, e.toString());
            }
        }
    }
}
