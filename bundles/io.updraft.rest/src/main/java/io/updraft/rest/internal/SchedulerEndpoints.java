package io.updraft.rest.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.UpdateScheduler;

/**
 * {@code GET progress}, {@code POST pause}, {@code POST resume}, {@code POST install}: the current update's
 * download and the user's decisions about it. The requests answer the resulting schedule. 503 {@code unavailable}
 * without a scheduler; the scheduler's refusals map to 404 {@code nothing_pending}, 409 {@code wrong_stage},
 * 400 {@code invalid}, 500 {@code storage}.
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
    private final ObjectMapper mapper;

    SchedulerEndpoints(Supplier<UpdateScheduler> scheduler, ObjectMapper mapper) {
        this.scheduler = scheduler;
        this.mapper = mapper;
    }

    /** Path below the API's base to its method-to-endpoint routes. */
    Map<String, Map<String, Endpoint>> routes() {
        return Map.of(
                "/progress", Map.of("GET", r -> ScheduleJson.progress(service().progress())),
                "/pause", Map.of("POST", r -> run(service(), s -> s.pause(BY))),
                "/resume", Map.of("POST", r -> run(service(), s -> s.resume(BY))),
                "/install", Map.of("POST", this::install));
    }

    private JsonNode install(HttpServletRequest request) throws ApiError {
        // As on every endpoint, a missing scheduler is reported before anything about the request.
        UpdateScheduler scheduler = service();
        InstallRequest decision = InstallRequest.read(request, mapper);
        return run(scheduler, switch (decision.decision()) {
            case NOW -> s -> s.installNow(BY);
            case WINDOW -> s -> s.installInWindow(BY);
            case DENY -> s -> s.deny(BY);
        });
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
