package io.updraft.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.Test;

public class WindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    public void insideAndOutside() {
        Window w = Window.parse("window", "03:00-04:00");
        assertTrue(w.isOpen(at("2026-06-01T03:30:00Z"), ZoneOffset.UTC));
        assertTrue(w.isOpen(at("2026-06-01T03:00:00Z"), ZoneOffset.UTC));
        assertFalse(w.isOpen(at("2026-06-01T04:00:00Z"), ZoneOffset.UTC));
        assertEquals(new Window.Opening(at("2026-06-02T03:00:00Z"), at("2026-06-02T04:00:00Z")),
                w.next(at("2026-06-01T04:00:00Z"), ZoneOffset.UTC));
        assertEquals(new Window.Opening(at("2026-06-01T03:00:00Z"), at("2026-06-01T04:00:00Z")),
                w.next(at("2026-06-01T02:59:59Z"), ZoneOffset.UTC));
        // Local time: 03:00 in Berlin summer time is 01:00 UTC.
        assertEquals(at("2026-06-01T01:00:00Z"), w.next(at("2026-05-31T12:00:00Z"), BERLIN).open());
    }

    @Test
    public void crossingMidnight() {
        Window w = Window.parse("window", "23:00-01:00");
        assertTrue(w.isOpen(at("2026-06-01T23:30:00Z"), ZoneOffset.UTC));
        assertTrue(w.isOpen(at("2026-06-02T00:30:00Z"), ZoneOffset.UTC));
        assertFalse(w.isOpen(at("2026-06-02T01:00:00Z"), ZoneOffset.UTC));
        assertEquals(new Window.Opening(at("2026-06-01T23:00:00Z"), at("2026-06-02T01:00:00Z")),
                w.next(at("2026-06-02T00:59:00Z"), ZoneOffset.UTC));
        assertEquals(at("2026-06-02T23:00:00Z"), w.next(at("2026-06-02T01:00:00Z"), ZoneOffset.UTC).open());
    }

    @Test
    public void springForwardInBerlin() {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        Window w = Window.parse("window", "03:00-04:00");
        assertEquals(new Window.Opening(at("2026-03-29T01:00:00Z"), at("2026-03-29T02:00:00Z")),
                w.next(at("2026-03-28T23:00:00Z"), BERLIN));
        // The day before, 03:00 CET is 02:00 UTC.
        assertEquals(at("2026-03-28T02:00:00Z"), w.next(at("2026-03-27T23:00:00Z"), BERLIN).open());
        // A start the clock skips opens the window when the clock resumes.
        Window skipped = Window.parse("window", "02:30-03:30");
        assertEquals(new Window.Opening(at("2026-03-29T01:00:00Z"), at("2026-03-29T01:30:00Z")),
                skipped.next(at("2026-03-28T23:00:00Z"), BERLIN));
    }

    @Test
    public void fallBackInBerlin() {
        // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:00-03:00 local shows twice.
        Window w = Window.parse("window", "02:00-03:00");
        assertEquals(new Window.Opening(at("2026-10-25T00:00:00Z"), at("2026-10-25T02:00:00Z")),
                w.next(at("2026-10-24T22:00:00Z"), BERLIN));
        assertTrue(w.isOpen(at("2026-10-25T01:30:00Z"), BERLIN));
    }

    @Test
    public void badWindowsAreRejectedNamingTheText() {
        for (String bad : new String[] {"3:00-4:00", "03:00", "25:00-26:00", "03:00-03:00", "", "03:00 - 04:00x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Window.parse("window", bad));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'") || e.getMessage().contains("empty"));
        }
    }
}
