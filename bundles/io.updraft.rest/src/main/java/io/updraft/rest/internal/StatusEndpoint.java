package io.updraft.rest.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.ComponentState;
import io.updraft.install.InstallService;
import io.updraft.product.DeviceIdentity;
import io.updraft.product.DeviceInfo;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.RecoveryNotice;
import io.updraft.update.UpdateStatus;

/**
 * {@code GET status}: the device, its components and where the update state machine stands; with a scheduler and a
 * pending update also its {@code schedule}. With an installer each component also carries its slots, services and
 * snapshots, and components with slots the state store has no record of are listed too (version = active version,
 * {@code installedAt} null).
 */
final class StatusEndpoint implements Endpoint {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DeviceStateService state;
    private final DeviceInfo device;
    private final Supplier<UpdateScheduler> scheduler;
    private final Supplier<InstallService> installer;

    StatusEndpoint(DeviceStateService state, DeviceInfo device, Supplier<UpdateScheduler> scheduler,
            Supplier<InstallService> installer) {
        this.state = state;
        this.device = device;
        this.scheduler = scheduler;
        this.installer = installer;
    }

    @Override
    public JsonNode handle(HttpServletRequest request) {
        ObjectNode root = JSON.objectNode();
        DeviceIdentity id = device.identity();
        root.putObject("device")
                .put("id", id.deviceId())
                .put("idSource", id.deviceIdSource())
                .put("product", id.product())
                .put("productSource", id.productSource())
                .put("hardwareRevision", id.hardwareRevision());
        Map<String, ObjectNode> byName = new TreeMap<>();
        for (InstalledComponent c : state.installedComponents()) {
            byName.put(c.name(), JSON.objectNode()
                    .put("name", c.name())
                    .put("version", c.version().toString())
                    .put("installedAt", c.installedAt().toString()));
        }
        InstallService install = installer.get();
        if (install != null) {
            for (ComponentState c : install.components()) {
                ObjectNode entry = byName.computeIfAbsent(c.name(), n -> JSON.objectNode().put("name", n)
                        .put("version", InstallJson.version(c.activeVersion())).putNull("installedAt"));
                InstallJson.slots(entry, c);
            }
        }
        ArrayNode components = root.putArray("components");
        byName.values().forEach(components::add);
        UpdateStatus status = state.status();
        root.putObject("update")
                .put("state", status.state().name())
                .put("updateId", status.updateId())
                .put("since", status.since().toString())
                .put("reason", status.reason());
        ArrayNode notices = root.putArray("recoveries");
        for (RecoveryNotice n : state.recoveryNotices()) {
            notices.addObject()
                    .put("at", n.at().toString())
                    .put("file", n.file())
                    .put("problem", n.problem())
                    .put("action", n.action());
        }
        UpdateScheduler s = scheduler.get();
        if (s != null) {
            s.current().ifPresent(schedule -> root.set("schedule", ScheduleJson.schedule(schedule)));
        }
        return root;
    }
}
