package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

/** Which written batches count as delivered, and when, on a made-up clock (nanoseconds). */
public class ConfirmationWindowTest {
    private static final long DELAY = 1_000;

    @Test
    public void aBatchIsConfirmedOnlyTheDelayAfterItsWriteAndOnlyAfterEveryEarlierOne() {
        ConfirmationWindow w = new ConfirmationWindow(DELAY, 1000);
        w.written("log", 100, 100, 1, 0);
        w.written("telemetry.state", 40, 40, 1, 300);
        w.written("log", 200, 100, 1, 600);
        assertEquals(240, w.records());
        assertEquals(Map.of(), w.confirm(999));
        assertEquals(Map.of("log", 100L), w.confirm(1_000));
        assertEquals(Map.of("telemetry.state", 40L), w.confirm(1_599));
        assertTrue(w.holds("log"));
        assertFalse(w.holds("telemetry.state"));
        assertEquals(1_600, w.firstDue());
        assertEquals(Map.of("log", 200L), w.confirm(5_000));
        assertTrue(w.isEmpty());
        assertEquals(0, w.records());
        assertFalse(w.holds("log"));
    }

    @Test
    public void aStreamMovedWithoutWritingFollowsTheBatchWrittenLast() {
        ConfirmationWindow w = new ConfirmationWindow(DELAY, 1000);
        w.written("log", 100, 100, 7, 0);
        w.written("store.drops", 3, 3, 7, 500);
        // log 101-150 were all held back by privacy rules: log may move to 150 only with the batch before it.
        w.skipped("log", 150);
        assertEquals(103, w.records());
        assertEquals(1_500, w.lastDue());
        assertEquals(Map.of("log", 100L), w.confirm(1_499));
        assertEquals(Map.of("store.drops", 3L, "log", 150L), w.confirm(1_500));
        assertThrows(IllegalStateException.class, () -> w.skipped("log", 160));
    }

    @Test
    public void theCapStopsWritingUntilConfirmationsMakeRoom() {
        ConfirmationWindow w = new ConfirmationWindow(DELAY, 250);
        w.written("log", 100, 100, 1, 0);
        w.written("log", 200, 100, 1, 10);
        assertTrue(w.hasRoomFor(50));
        assertFalse(w.hasRoomFor(100));
        assertThrows(IllegalStateException.class, () -> w.written("log", 300, 100, 1, 20));
        w.confirm(1_000);
        assertTrue(w.hasRoomFor(100));
        assertEquals(100, w.records());
    }

    @Test
    public void aBatchOnAnotherConnectionIsSeenAndDroppingForgetsEverything() {
        ConfirmationWindow w = new ConfirmationWindow(DELAY, 1000);
        w.written("log", 100, 100, 1, 0);
        assertTrue(w.allOn(1));
        assertFalse("the connection was lost and replaced", w.allOn(2));
        assertFalse("no connection is open", w.allOn(0));
        w.written("log", 150, 50, 2, 10);
        assertFalse(w.allOn(2));
        assertEquals(150, w.drop());
        assertTrue(w.isEmpty());
        assertFalse(w.holds("log"));
        assertTrue(w.hasRoomFor(1000));
    }

    @Test
    public void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConfirmationWindow(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ConfirmationWindow(10, 0));
        assertThrows(IllegalStateException.class, () -> new ConfirmationWindow(10, 10).firstDue());
    }
}
