package io.updraft.rest.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.update.CheckResult;
import io.updraft.update.DeviceBusyException;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.UpdateChecker;

/**
 * {@code POST check}: checks the update source now and answers with the result. 503 {@code unavailable} without
 * a checker, 409 {@code busy} while an update holds the device, 502 with the source's error code when the source
 * gave no trustworthy answer.
 */
final class CheckEndpoint implements Endpoint {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<UpdateChecker> checker;
    private final DeviceStateService state;

    CheckEndpoint(Supplier<UpdateChecker> checker, DeviceStateService state) {
        this.checker = checker;
        this.state = state;
    }

    @Override
    public JsonNode handle(HttpServletRequest request) throws ApiError {
        UpdateChecker c = checker.get();
        if (c == null) {
            throw new ApiError(503, "unavailable", "the update checker is not installed or not running on this device");
        }
        try {
            return describe(c.check());
        } catch (DeviceBusyException e) {
            throw new ApiError(409, "busy", e.getMessage());
        } catch (SourceException e) {
            throw new ApiError(502, e.code(), e.getMessage());
        } catch (StateException e) {
            throw new ApiError(500, "state_error", e.getMessage());
        }
    }

    private JsonNode describe(CheckResult r) {
        ObjectNode root = JSON.objectNode()
                .put("source", r.source())
                .put("checkedAt", r.checkedAt().toString())
                .put("failed", r.failed())
                .put("error", r.error());
        ArrayNode updates = root.putArray("updates");
        for (Offer o : r.updates()) {
            Release rel = o.release();
            ObjectNode u = updates.addObject()
                    .put("component", rel.component())
                    .put("installed", state.installed(rel.component()).map(InstalledComponent::version)
                            .map(Object::toString).orElse(null))
                    .put("version", rel.version().toString())
                    .put("kind", rel.kind() == Release.Kind.DELTA ? "delta" : "full")
                    .put("deltaBase", rel.deltaBase() == null ? null : rel.deltaBase().toString())
                    .put("length", o.length())
                    .put("artifact", o.artifact())
                    .put("install", o.install())
                    .put("source", o.source());
            new TreeSet<>(rel.products()).forEach(u.putArray("products")::add);
            new TreeSet<>(rel.hardware()).forEach(u.putArray("hardware")::add);
            put(u.putObject("hashes"), o.hashes());
            put(u.putObject("requires"), o.requires());
            put(u.putObject("conflicts"), o.conflicts());
        }
        r.skipped().forEach(root.putArray("skipped")::add);
        return root;
    }

    private static void put(ObjectNode into, Map<String, String> values) {
        new TreeMap<>(values).forEach(into::put);
    }
}
