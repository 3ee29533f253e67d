package io.updraft.rest.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.InstallService;

import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.UpdateScheduler;

/**
 * {@code GET progress}, {@code POST pause}, {@code POST resume}, {@code POST install}: the current update's
 * download and the user's decisions about it. The requests answer the resulting schedule. 503 {@code unavailable}
 * without a scheduler; the scheduler's refusals map to 404 {@code nothing_pending}, 409 {@code wrong_stage},
 * 400 {@code invalid}, 500 {@code storage}. With an installer, progress also shows the running install
 * ({@code install}) and the latest package install asked for here ({@code offline}); {@code POST install} with a
 * {@code file} goes to the installer (see {@link OfflineInstalls}), so only it needs one, not a scheduler.
 */
final class SchedulerEndpoints {
    /** Who the scheduler records as having decided, for requests over this API. */
    static final String BY = "rest";

    /** A scheduling action that may be refused. */
    @FunctionalInterface
    private interface Action {
        Schedule run(UpdateScheduler scheduler) throws SchedulerException;
    }

    private final Supplier<UpdateScheduler> scheduler;
    private final Supplier<InstallService> installer;
    private final OfflineInstalls offline;
    private final ObjectMapper mapper;

    SchedulerEndpoints(Supplier<UpdateScheduler> scheduler, Supplier<InstallService> installer, OfflineInstalls offline,
            ObjectMapper mapper) {
        this.scheduler = scheduler;
        this.installer = installer;
        this.offline = offline;
        this.mapper = mapper;
    }

    /** Path below the API's base to its method-to-endpoint routes. */
    Map<String, Map<String, Endpoint>> routes() {
        return Map.of(
                "/progress", Map.of("GET", r -> progress()),
                "/pause", Map.of("POST", r -> run(service(), s -> s.pause(BY))),
                "/resume", Map.of("POST", r -> run(service(), s -> s.resume(BY))),
                "/install", Map.of("POST", this::install));
    }

    private JsonNode progress() throws ApiError {
        ObjectNode root = ScheduleJson.progress(service().progress());
        InstallService s = installer.get();
        root.set("install", s == null ? null : s.progress().map(InstallJson::progress).orElse(null));
        root.set("offline", offline.last().map(SchedulerEndpoints::job).orElse(null));
        return root;
    }

    private JsonNode install(HttpServletRequest request) throws ApiError {
        // The body says which service it is for; past that, as on every endpoint, a missing service is reported
        // before anything else about the request.
        JsonNode body = RequestBody.read(request, mapper);
        if (InstallRequest.isFile(body)) {
            InstallService s = InstallEndpoints.service(installer);
            InstallRequest r = InstallRequest.parse(body);
            OfflineInstalls.Job job = offline.start(s, r.file(), r.repository());
            Endpoint.status(request, 202);
            return job(job).put("progress", ApiServlet.BASE + "/progress");
        }
        UpdateScheduler scheduler = service();
        InstallRequest decision = InstallRequest.parse(body);
        return run(scheduler, switch (decision.decision()) {
            case NOW -> s -> s.installNow(BY);
            case WINDOW -> s -> s.installInWindow(BY);
            case DENY -> s -> s.deny(BY);
            case FILE -> throw new IllegalStateException("a file install reached the scheduler");
        });
    }

    /** A package install asked for here: running, ended with its record, or refused with the code and message. */
    private static ObjectNode job(OfflineInstalls.Job j) {
        ObjectNode o = JsonNodeFactory.instance.objectNode()
                .put("file", j.file().toString())
                .put("repository", j.repository())
                .put("accepted", j.accepted().toString())
                .put("state", j.running() ? "running" : j.error().isEmpty() ? "ended" : "refused");
        o.set("record", j.record() == null ? null : InstallJson.record(j.record()));
        o.put("error", j.error().isEmpty() ? null : j.error());
        o.put("message", j.message().isEmpty() ? null : j.message());
        return o;
    }

    private UpdateScheduler service() throws ApiError {
        UpdateScheduler s = scheduler.get();
        if (s == null) {
            throw new ApiError(503, "unavailable", "the update scheduler is not installed or not running on this device");
        }
        return s;
    }

    private static JsonNode run(UpdateScheduler s, Action action) throws ApiError {
        try {
            return ScheduleJson.schedule(action.run(s));
        } catch (SchedulerException e) {
            throw error(e);
        }
    }

    static ApiError error(SchedulerException e) {
        int status = switch (e.code()) {
            case NOTHING_PENDING -> 404;
            case WRONG_STAGE -> 409;
            case INVALID -> 400;
            case STORAGE -> 500;
        };
        return new ApiError(status, e.code().name().toLowerCase(Locale.ROOT), e.getMessage());
    }
}
