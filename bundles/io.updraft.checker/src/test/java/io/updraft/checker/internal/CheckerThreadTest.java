package io.updraft.checker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import io.updraft.update.CheckResult;
import io.updraft.update.Offer;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;

/** The real single check thread: on-demand callers join the running check, and stopping releases them. */
public class CheckerThreadTest extends CheckerFixture {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private CheckerComponent checker;

    /** A source that answers only when the test lets it. */
    private final FakeSource slow = new FakeSource("production") {
        @Override
        public List<Offer> offers() throws SourceException {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new SourceException("interrupted", "stopped while asking", true, e);
            }
            return super.offers();
        }
    };

    private CheckerComponent start() {
        checker = new CheckerComponent(TestConfigs.settings("enabled", false), state, device, new ExecutorCheckThread(),
                Clock.systemUTC(), Math::random);
        bind(checker, slow);
        return checker;
    }

    @After
    public void stop() {
        release.countDown();
        if (checker != null) {
            checker.deactivate();
        }
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waiting(t) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(t.getState().toString(), waiting(t));
    }

    private static boolean waiting(Thread t) {
        return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
    }

    @Test
    public void secondCallerJoinsTheRunningCheck() throws Exception {
        install("app", "1.0.0");
        slow.offering(Offers.of("app", "2.0.0").build());
        CheckerComponent c = start();
        CompletableFuture<CheckResult> first = CompletableFuture.supplyAsync(() -> call(c));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<CheckResult> second = new CompletableFuture<>();
        Thread joiner = new Thread(() -> second.complete(call(c)));
        joiner.start();
        awaitBlocked(joiner);
        release.countDown();

        assertSame(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
        assertEquals(1, slow.asked.get());
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        // Once finished, the next call is a new check.
        c.check();
        assertEquals(2, slow.asked.get());
    }

    @Test
    public void stoppingLetsTheRunningCheckFinishThenRefusesNewOnes() throws Exception {
        CheckerComponent c = start();
        CompletableFuture<CheckResult> waiting = CompletableFuture.supplyAsync(() -> call(c));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        Thread stopper = new Thread(c::deactivate);
        stopper.start();
        awaitBlocked(stopper);
        release.countDown();
        stopper.join(10_000);

        assertTrue(waiting.get(10, TimeUnit.SECONDS).updates().isEmpty());
        assertEquals(UpdateState.IDLE, state.status().state());
        StateException e = assertThrows(StateException.class, c::check);
        assertTrue(e.getMessage(), e.getMessage().contains("stopped"));
        checker = null;
    }

    private static CheckResult call(CheckerComponent c) {
        try {
            return c.check();
        } catch (SourceException | StateException e) {
            throw new IllegalStateException(e);
        }
    }
}
