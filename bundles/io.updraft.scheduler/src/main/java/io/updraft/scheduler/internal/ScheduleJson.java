package io.updraft.scheduler.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.When;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;

/**
 * The format of {@code schedule.json}, schema {@value #SCHEMA}: {@code {"schema", "denied": {component: version},
 * "schedule": {...} | null}}. Maps and sets are written sorted so that equal content gives equal bytes.
 */
final class ScheduleJson {
    static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScheduleJson() {
    }

    static byte[] write(Saved saved) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode denied = root.putObject("denied");
        new TreeMap<>(saved.denied()).forEach((c, v) -> denied.put(c, v.toString()));
        Schedule s = saved.schedule();
        if (s == null) {
            root.putNull("schedule");
        } else {
            ObjectNode n = root.putObject("schedule");
            n.put("updateId", s.updateId()).put("stage", s.stage().name()).put("download", s.download().name())
                    .put("install", s.install().name());
            instant(n, "downloadNotBefore", s.downloadNotBefore());
            instant(n, "installNotBefore", s.installNotBefore());
            Confirmation c = s.confirmation();
            ObjectNode cn = n.putObject("confirmation").put("state", c.state().name());
            instant(cn, "deadline", c.deadline());
            cn.put("defaultAction", c.defaultAction()).put("by", c.by());
            instant(cn, "at", c.at());
            s.blockers().forEach(n.putArray("blockers")::add);
            instant(n, "nextAttempt", s.nextAttempt());
            n.put("problem", s.problem());
            instant(n, "updated", s.updated());
            ArrayNode offers = n.putArray("offers");
            s.offers().forEach(o -> offer(offers.addObject(), o));
        }
        return MAPPER.writeValueAsBytes(root);
    }

    /** @throws IOException naming what is wrong when the content is not a schedule of this schema */
    static Saved read(byte[] content) throws IOException {
        JsonNode root = MAPPER.readTree(content);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        int schema = root.path("schema").asInt(-1);
        if (schema != SCHEMA) {
            throw new IOException("schema " + root.path("schema") + " is not " + SCHEMA + ", the one this runtime reads");
        }
        try {
            Map<String, Version> denied = new TreeMap<>();
            root.path("denied").fields().forEachRemaining(e -> denied.put(e.getKey(), Version.parse(e.getValue().asText())));
            JsonNode n = root.path("schedule");
            if (n.isNull()) {
                return new Saved(null, denied);
            }
            JsonNode cn = n.path("confirmation");
            Confirmation c = new Confirmation(Confirmation.State.valueOf(text(cn, "state")), instant(cn, "deadline"),
                    text(cn, "defaultAction"), text(cn, "by"), instant(cn, "at"));
            List<Offer> offers = new ArrayList<>();
            for (JsonNode o : array(n, "offers")) {
                offers.add(offer(o));
            }
            List<String> blockers = new ArrayList<>();
            array(n, "blockers").forEach(b -> blockers.add(b.asText()));
            return new Saved(new Schedule(text(n, "updateId"), offers, Stage.valueOf(text(n, "stage")),
                    When.valueOf(text(n, "download")), When.valueOf(text(n, "install")),
                    instant(n, "downloadNotBefore"), instant(n, "installNotBefore"), c, blockers,
                    instant(n, "nextAttempt"), text(n, "problem"), instant(n, "updated")), denied);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new IOException("bad value: " + e.getMessage(), e);
        }
    }

    private static void offer(ObjectNode n, Offer o) {
        Release r = o.release();
        n.put("component", r.component()).put("version", r.version().toString());
        new TreeSet<>(r.products()).forEach(n.putArray("products")::add);
        new TreeSet<>(r.hardware()).forEach(n.putArray("hardware")::add);
        n.put("kind", r.kind().name()).put("deltaBase", r.deltaBase() == null ? "" : r.deltaBase().toString());
        n.put("source", o.source()).put("artifact", o.artifact()).put("length", o.length());
        map(n.putObject("hashes"), o.hashes());
        map(n.putObject("requires"), o.requires());
        map(n.putObject("conflicts"), o.conflicts());
        n.put("install", o.install());
        o.mirrors().forEach(n.putArray("mirrors")::add);
    }

    private static Offer offer(JsonNode n) throws IOException {
        String base = text(n, "deltaBase");
        Release r = new Release(text(n, "component"), Version.parse(text(n, "version")), strings(n, "products"),
                strings(n, "hardware"), Release.Kind.valueOf(text(n, "kind")), base.isEmpty() ? null : Version.parse(base));
        if (!n.path("length").canConvertToLong()) {
            throw new IOException("offer of " + r.component() + " has no length");
        }
        List<String> mirrors = new ArrayList<>();
        array(n, "mirrors").forEach(m -> mirrors.add(m.asText()));
        return new Offer(r, text(n, "source"), text(n, "artifact"), n.path("length").longValue(), map(n, "hashes"),
                map(n, "requires"), map(n, "conflicts"), text(n, "install"), mirrors);
    }

    private static void map(ObjectNode target, Map<String, String> map) {
        new TreeMap<>(map).forEach(target::put);
    }

    private static Map<String, String> map(JsonNode n, String field) {
        Map<String, String> map = new TreeMap<>();
        n.path(field).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Set<String> strings(JsonNode n, String field) throws IOException {
        Set<String> set = new TreeSet<>();
        array(n, field).forEach(s -> set.add(s.asText()));
        return set;
    }

    private static JsonNode array(JsonNode n, String field) throws IOException {
        JsonNode a = n.path(field);
        if (!a.isArray()) {
            throw new IOException("'" + field + "' is not an array");
        }
        return a;
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode t = n.path(field);
        if (!t.isTextual()) {
            throw new IOException("'" + field + "' is missing or not a string");
        }
        return t.textValue();
    }

    private static void instant(ObjectNode n, String field, Instant value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value.toString());
        }
    }

    private static Instant instant(JsonNode n, String field) {
        JsonNode t = n.path(field);
        return t.isTextual() ? Instant.parse(t.textValue()) : null;
    }
}
