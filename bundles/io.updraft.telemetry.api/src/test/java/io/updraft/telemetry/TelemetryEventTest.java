package io.updraft.telemetry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class TelemetryEventTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static TelemetryEvent event(Map<String, Object> fields) {
        return new TelemetryEvent("4f1c2a3e-0000-4000-8000-000000000001", 7, T, "updraft.metric.cpu", 1,
                Category.PERFORMANCE, "sample", fields);
    }

    @Test
    public void copiesFieldsDeeplyAndWidensNumbers() {
        List<Object> cores = new ArrayList<>(List.of(1, 2.5f));
        Map<String, Object> nested = new HashMap<>(Map.of("cores", cores));
        Map<String, Object> fields = new HashMap<>(Map.of("cpu", nested, "busy", 0.5, "ok", true));
        TelemetryEvent e = event(fields);
        cores.add(3L);
        nested.put("later", "x");
        fields.put("later", "y");
        @SuppressWarnings("unchecked")
        Map<String, Object> cpu = (Map<String, Object>) e.fields().get("cpu");
        assertEquals(List.of(1L, 2.5d), cpu.get("cores"));
        assertFalse(cpu.containsKey("later"));
        assertFalse(e.fields().containsKey("later"));
        assertThrows(UnsupportedOperationException.class, () -> e.fields().put("x", "y"));
    }

    @Test
    public void refusesNullsAndUnsupportedTypesNamingTheField() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("user", null);
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> event(withNull));
        assertTrue(a.getMessage(), a.getMessage().contains("fields.user"));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> event(Map.of("deep", Map.of("list", List.of(new Object())))));
        assertTrue(b.getMessage(), b.getMessage().contains("fields.deep.list[0]"));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent(" ", 1, T, "s", 1,
                Category.USAGE, "t", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent("id", -1, T, "s", 1,
                Category.USAGE, "t", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent("id", 1, T, "s", 0,
                Category.USAGE, "t", Map.of()));
    }

    @Test
    public void fieldsBehaveAsAnOrderedImmutableMapAndAreNotCopiedAgain() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            fields.put("k" + (19 - i), i % 2 == 0 ? List.of(i, "x") : Map.of("n", i));
        }
        TelemetryEvent e = event(fields);
        assertEquals(fields.keySet().stream().toList(), e.fields().keySet().stream().toList());
        assertEquals(List.of(0L, "x"), e.fields().get("k19"));
        assertEquals(Map.of("n", 1L), e.fields().get("k18"));
        assertTrue(e.fields().containsKey("k0"));
        assertFalse(e.fields().containsKey("k20"));
        assertEquals(null, e.fields().get("k20"));
        assertEquals(e.fields(), event(e.fields()).fields());
        assertEquals(e.fields().hashCode(), event(new HashMap<>(e.fields())).fields().hashCode());
        assertSame(e.fields(), e.withIdentity("other", 9).fields());
        assertSame(e.fields(), e.withFields(e.fields()).fields());
        assertThrows(UnsupportedOperationException.class, () -> e.fields().remove("k0"));
        assertThrows(UnsupportedOperationException.class, () -> e.fields().keySet().clear());
        assertThrows(UnsupportedOperationException.class, () -> e.fields().entrySet().iterator().next().setValue(1));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) e.fields().get("k19");
        assertThrows(UnsupportedOperationException.class, () -> list.add("y"));
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, "y"));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("a", 1);
        ordered.put("b", List.of("x"));
        assertEquals("{a=1, b=[x]}", event(ordered).fields().toString());
    }

    @Test
    public void withFieldsKeepsIdentity() {
        TelemetryEvent e = event(Map.of("a", "b"));
        TelemetryEvent f = e.withFields(Map.of("c", 1L));
        assertEquals(e.id(), f.id());
        assertEquals(e.sequence(), f.sequence());
        assertEquals(Map.of("c", 1L), f.fields());
    }

    @Test
    public void draftsLeaveIdentityToTheRuntime() {
        TelemetryEvent d = TelemetryEvents.draft("updraft.usage", 1, Category.USAGE, "counter", Map.of());
        assertTrue(TelemetryEvents.hasUnassignedId(d));
        assertTrue(TelemetryEvents.hasUnassignedTime(d));
        TelemetryEvent assigned = d.withIdentity("abc", 12);
        assertFalse(TelemetryEvents.hasUnassignedId(assigned));
        assertEquals(12, assigned.sequence());
    }

    @Test
    public void categoryParsesIdsAndNamesTheValidOnes() {
        assertEquals(Category.LOCATION, Category.parse("Location"));
        assertEquals("ota", Category.OTA.id());
        assertTrue(Category.USAGE.personal());
        assertFalse(Category.CRASH.personal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Category.parse("gps"));
        assertTrue(e.getMessage(), e.getMessage().contains("'gps'") && e.getMessage().contains("diagnostics"));
    }

    @Test
    public void consentKeepsDecisionsAndDefaultsApart() {
        assertTrue(new Consent(Category.USAGE, Consent.Status.GRANTED, T, 2).allowed());
        assertFalse(new Consent(Category.USAGE, Consent.Status.RENEWAL_REQUIRED, T, 1).allowed());
        assertTrue(new Consent(Category.CRASH, Consent.Status.DEFAULT_ON, null, 0).allowed());
        assertThrows(IllegalArgumentException.class,
                () -> new Consent(Category.LOCATION, Consent.Status.DEFAULT_ON, null, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Consent(Category.CRASH, Consent.Status.GRANTED, null, 0));
        assertEquals(StoreUsage.EMPTY, new TelemetryStatus(T, List.of(), Map.of(), false).stored().get(Category.OTA));
    }
}
