package io.updraft.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.downloader.DownloadStatus;
import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.When;
import io.updraft.update.Offer;

/**
 * The JSON of the scheduler's model, shared by {@code GET status}, {@code GET progress} and the scheduling
 * requests. States are upper-case names as in {@code update.state}; policies use the request vocabulary
 * ({@code now}, {@code window}, {@code confirm}); times are ISO-8601 instants or null.
 */
final class ScheduleJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ScheduleJson() {
    }

    static ObjectNode schedule(Schedule s) {
        ObjectNode root = JSON.objectNode()
                .put("updateId", s.updateId())
                .put("stage", s.stage().name());
        ArrayNode releases = root.putArray("releases");
        for (Offer o : s.offers()) {
            releases.addObject()
                    .put("component", o.release().component())
                    .put("version", o.release().version().toString());
        }
        policy(root.putObject("download"), s.download(), s.downloadNotBefore());
        policy(root.putObject("install"), s.install(), s.installNotBefore());
        Confirmation c = s.confirmation();
        root.putObject("confirmation")
                .put("state", c.state().name())
                .put("deadline", time(c.deadline()))
                .put("defaultAction", c.defaultAction())
                .put("by", c.by())
                .put("at", time(c.at()));
        s.blockers().forEach(root.putArray("blockers")::add);
        root.put("nextAttempt", time(s.nextAttempt()))
                .put("problem", s.problem())
                .put("updated", s.updated().toString());
        return root;
    }

    /** With no update: {@code updateId} empty, {@code stage} null, no downloads. */
    static ObjectNode progress(UpdateProgress p) {
        ObjectNode root = JSON.objectNode()
                .put("updateId", p.updateId())
                .put("stage", p.stage() == null ? null : p.stage().name())
                .put("done", p.done())
                .put("total", p.total())
                .put("percent", p.percent())
                .put("bytesPerSecond", p.bytesPerSecond())
                .put("etaSeconds", seconds(p.eta()));
        ArrayNode downloads = root.putArray("downloads");
        for (DownloadStatus d : p.downloads()) {
            downloads.addObject()
                    .put("id", d.id())
                    .put("component", d.component())
                    .put("state", d.state().name())
                    .put("bytes", d.bytes())
                    .put("total", d.total())
                    .put("percent", d.percent())
                    .put("bytesPerSecond", d.bytesPerSecond())
                    .put("etaSeconds", seconds(d.eta()))
                    .put("mirror", MirrorHost.of(d.url()))
                    .put("attempts", d.attempts())
                    .put("refetchedBytes", d.refetchedBytes())
                    .put("problem", d.problem())
                    .put("updated", d.updated().toString());
        }
        return root;
    }

    private static void policy(ObjectNode into, When when, Instant notBefore) {
        into.put("when", when.name().toLowerCase(Locale.ROOT)).put("notBefore", time(notBefore));
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.getSeconds();
    }
}
