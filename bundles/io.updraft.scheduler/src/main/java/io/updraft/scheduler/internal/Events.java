package io.updraft.scheduler.internal;

import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.StateTransition;

/** Announces schedule and state changes on EventAdmin, when there is one; events are posted, never waited for. */
final class Events {
    static final String STATE = "io/updraft/update/STATE";

    private final Supplier<EventAdmin> admin;

    Events(Supplier<EventAdmin> admin) {
        this.admin = admin;
    }

    void schedule(Schedule s) {
        post(UpdateScheduler.SCHEDULE_TOPIC, Map.of("updateId", s.updateId(), "stage", s.stage().name(),
                "problem", s.problem(), "blockers", String.join("; ", s.blockers())));
    }

    void installDue(Schedule s) {
        post(UpdateScheduler.INSTALL_DUE_TOPIC, Map.of("updateId", s.updateId()));
    }

    void state(StateTransition t) {
        post(STATE, Map.of("from", t.from().name(), "to", t.to().name(), "updateId", t.updateId(),
                "reason", t.reason()));
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = admin.get();
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }
}
