package io.updraft.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

import org.junit.Test;

public class UpdateStateTest {

    @Test
    public void everyStateIsReachableFromIdleAndCanReturnToIdle() {
        assertEquals(EnumSet.allOf(UpdateState.class), reachableFrom(UpdateState.IDLE));
        for (UpdateState s : UpdateState.values()) {
            assertTrue(s + " cannot get back to IDLE", reachableFrom(s).contains(UpdateState.IDLE));
        }
    }

    @Test
    public void installingCannotBeSkippedOrReentered() {
        assertFalse(UpdateState.IDLE.canMoveTo(UpdateState.INSTALLING));
        assertFalse(UpdateState.DOWNLOADING.canMoveTo(UpdateState.INSTALLING));
        assertFalse(UpdateState.VERIFYING.canMoveTo(UpdateState.INSTALLING));
        assertTrue(UpdateState.READY.canMoveTo(UpdateState.INSTALLING));
        for (UpdateState s : UpdateState.values()) {
            assertFalse(s + " may move to itself", s.canMoveTo(s));
        }
        // Once the device runs the new version, only commit (IDLE) or rollback are left.
        assertEquals(EnumSet.of(UpdateState.IDLE, UpdateState.ROLLING_BACK), UpdateState.AWAITING_COMMIT.next());
    }

    @Test
    public void busyStatesBlockANewUpdate() {
        assertFalse(UpdateState.IDLE.isBusy());
        assertFalse(UpdateState.FAILED.isBusy());
        assertFalse(UpdateState.UPDATE_AVAILABLE.isBusy());
        assertTrue(UpdateState.INSTALLING.isBusy());
        assertTrue(UpdateState.AWAITING_COMMIT.isBusy());
        assertTrue(UpdateState.PAUSED.isBusy());
    }

    private static Set<UpdateState> reachableFrom(UpdateState start) {
        Set<UpdateState> seen = EnumSet.of(start);
        Deque<UpdateState> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (UpdateState n : todo.pop().next()) {
                if (seen.add(n)) {
                    todo.push(n);
                }
            }
        }
        return seen;
    }
}
