package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.Version;

/** The trial's timing and its check threads under conditions a device meets in the field. */
public class TrialEdgesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @Before
    public void setUp() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
    }

    @After
    public void tearDown() {
        fx.stop();
    }

    /** A wall clock the test moves, as NTP does on a device that booted without a real-time clock. */
    private static final class MovableClock extends Clock {
        volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    /** Healthy each time; on its first run it moves the installer's wall clock an hour ahead. */
    private static final class ClockJump implements HealthCheck {
        private final MovableClock clock;

        ClockJump(MovableClock clock) {
            this.clock = clock;
        }

        @Override
        public String type() {
            return "jump";
        }

        @Override
        public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version) {
            clock.shift = Duration.ofHours(1);
            return HealthResult.healthy("fine");
        }
    }

    @Test
    public void aWallClockStepDuringTheTrialNeitherFailsNorStretchesIt() throws Exception {
        MovableClock clock = new MovableClock();
        fx.clock = clock;
        fx.plugins.add(new ClockJump(clock));
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(30), new HealthCheckSpec("ntp", "jump", "",
                Map.of(), Duration.ofMillis(20), Duration.ofSeconds(2), 3, 1)));
        Installer installer = fx.start();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(r.reason(), Outcome.SUCCEEDED, r.outcome());
        assertEquals(Path.of("slots/a"), fx.current("app"));
    }

    /** Unhealthy once {@code other} has started. */
    private static final class Down implements HealthCheck {
        private final CountDownLatch other;

        Down(CountDownLatch other) {
            this.other = other;
        }

        @Override
        public String type() {
            return "down";
        }

        @Override
        public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
                throws InterruptedException {
            other.await(5, TimeUnit.SECONDS);
            return HealthResult.unhealthy("connection refused");
        }
    }

    /** Takes long; tells when it has started and when it was interrupted. */
    private static final class Hang implements HealthCheck {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String type() {
            return "hang";
        }

        @Override
        public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
                throws InterruptedException {
            started.countDown();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return HealthResult.healthy("late");
        }
    }

    @Test
    public void checksStillRunningWhenAnotherFailsTheTrialAreInterrupted() throws Exception {
        Hang hang = new Hang();
        fx.plugins.add(new Down(hang.started));
        fx.plugins.add(hang);
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(60),
                new HealthCheckSpec("port", "down", "", Map.of(), Duration.ofMillis(10), Duration.ofSeconds(30), 1, 1),
                new HealthCheckSpec("slow", "hang", "", Map.of(), Duration.ofMillis(10), Duration.ofSeconds(30), 1, 1)));
        Installer installer = fx.start();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("health check app/port failed 1 time(s) in a row: connection refused"));
        assertTrue("the slow check ran", hang.started.await(5, TimeUnit.SECONDS));
        assertTrue("the slow check of the rolled-back version is interrupted, not left running",
                hang.interrupted.await(3, TimeUnit.SECONDS));
    }
}
