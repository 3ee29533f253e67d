package io.updraft.checker.internal;

import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.updraft.update.CheckResult;
import io.updraft.update.Offer;
import io.updraft.update.StateTransition;
import io.updraft.update.Version;

/** Announces checks and state changes on EventAdmin, when there is one; events are posted, never waited for. */
final class Events {
    static final String CHECK = "io/updraft/update/CHECK";
    static final String AVAILABLE = "io/updraft/update/AVAILABLE";
    static final String STATE = "io/updraft/update/STATE";

    private final Supplier<EventAdmin> admin;

    Events(Supplier<EventAdmin> admin) {
        this.admin = admin;
    }

    void state(StateTransition t) {
        post(STATE, Map.of("from", t.from().name(), "to", t.to().name(), "updateId", t.updateId(),
                "reason", t.reason()));
    }

    /** @param errorCode the source's error code, empty when the check succeeded */
    void check(CheckResult r, String errorCode) {
        post(CHECK, Map.of("source", r.source(), "result", r.failed() ? "failed" : "ok", "error", errorCode,
                "count", r.updates().size()));
    }

    /** @param from the installed version, null for a component not installed */
    void available(Offer o, Version from) {
        post(AVAILABLE, Map.of("component", o.release().component(), "version", o.release().version().toString(),
                "from", from == null ? "" : from.toString(), "source", o.source()));
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = admin.get();
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }
}
