package io.updraft.checker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.osgi.service.event.Event;

import io.updraft.update.CheckResult;
import io.updraft.update.DeviceBusyException;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;

/** What a check does to the device state, the kept result and the events. */
public class CheckerComponentTest extends CheckerFixture {

    @Test
    public void updateFoundIsKeptAnnouncedAndMakesTheDeviceUpdateAvailable() throws Exception {
        install("app", "1.2.0");
        production.offering(Offers.of("app", "1.3.0").build(), Offers.of("nav", "1.0.0").build());
        CheckerComponent c = checker();

        CheckResult r = c.check();
        assertEquals("production", r.source());
        assertEquals(T0, r.checkedAt());
        assertEquals("app 1.3.0", Selection.describe(r.updates().get(0)));
        assertEquals(1, r.updates().size());
        assertTrue(r.skipped().toString(), r.skipped().get(0).startsWith("nav 1.0.0: the component is not installed"));
        assertFalse(r.failed());
        assertEquals(Optional.of(r), state.lastCheck());
        assertEquals(Optional.of(r), c.lastCheck());

        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        List<StateTransition> h = state.history(10);
        assertEquals(2, h.size());
        assertEquals(UpdateState.CHECKING, h.get(0).to());
        assertEquals("on-demand check of source 'production'", h.get(0).reason());
        assertEquals("source 'production': 1 update: app 1.2.0 -> 1.3.0", h.get(1).reason());

        List<String> topics = events.posted.stream().map(Event::getTopic).toList();
        assertEquals(List.of(Events.STATE, Events.STATE, Events.CHECK, Events.AVAILABLE), topics);
        Event toChecking = events.posted.get(0);
        assertEquals("IDLE", prop(toChecking, "from"));
        assertEquals("CHECKING", prop(toChecking, "to"));
        assertEquals("", prop(toChecking, "updateId"));
        assertEquals("UPDATE_AVAILABLE", prop(events.posted.get(1), "to"));
        Event check = events.topic(Events.CHECK).get(0);
        assertEquals("production", prop(check, "source"));
        assertEquals("ok", prop(check, "result"));
        assertEquals("", prop(check, "error"));
        assertEquals(1, prop(check, "count"));
        Event available = events.topic(Events.AVAILABLE).get(0);
        assertEquals("app", prop(available, "component"));
        assertEquals("1.3.0", prop(available, "version"));
        assertEquals("1.2.0", prop(available, "from"));
    }

    @Test
    public void aFailureWhileWeighingTheOffersNeverLeavesTheDeviceChecking() throws Exception {
        production.offering(Offers.of("app", "1.3.0").build());
        io.updraft.product.DeviceInfo broken = () -> {
            throw new IllegalStateException("device identity unreadable");
        };
        CheckerComponent c = new CheckerComponent(TestConfigs.settings(), state, broken, thread, thread, random);
        bind(c, production);
        IllegalStateException e = org.junit.Assert.assertThrows(IllegalStateException.class, c::check);
        assertEquals("device identity unreadable", e.getMessage());
        assertEquals(UpdateState.IDLE, state.status().state());
        assertTrue(lastTransition().reason(), lastTransition().reason().contains("could not be evaluated"));
    }

    @Test
    public void newComponentIsAnnouncedFromNothingWhenOffered() throws Exception {
        production.offering(Offers.of("diag-tool", "0.3.0").build());
        CheckResult r = checker("offerNewComponents", true).check();
        assertEquals(1, r.updates().size());
        assertEquals("", prop(events.topic(Events.AVAILABLE).get(0), "from"));
        assertTrue(lastTransition().reason(), lastTransition().reason().contains("diag-tool new -> 0.3.0"));
    }

    @Test
    public void nothingNewMovesBackToIdleEvenFromUpdateAvailable() throws Exception {
        install("app", "1.2.0");
        production.offering(Offers.of("app", "1.3.0").build());
        CheckerComponent c = checker();
        c.check();
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());

        // The release was withdrawn.
        production.offering(Offers.of("app", "1.2.0").build());
        CheckResult r = c.check();
        assertTrue(r.updates().isEmpty());
        assertEquals(UpdateState.IDLE, state.status().state());
        assertEquals("source 'production': no updates (1 offered releases not applicable)", lastTransition().reason());
        assertEquals(0, prop(events.topic(Events.CHECK).get(1), "count"));
        assertEquals(1, events.topic(Events.AVAILABLE).size());
    }

    @Test
    public void busyDeviceIsRefusedWithoutAskingTheSource() throws Exception {
        state.transition(UpdateState.CHECKING, "", "");
        state.transition(UpdateState.UPDATE_AVAILABLE, "", "");
        state.transition(UpdateState.DOWNLOADING, "u-7", "user asked");
        CheckerComponent c = checker();
        DeviceBusyException e = assertThrows(DeviceBusyException.class, c::check);
        assertEquals(UpdateState.DOWNLOADING, e.state());
        assertTrue(e.getMessage(), e.getMessage().contains("busy in update state DOWNLOADING (update u-7)"));
        assertEquals(0, production.asked.get());
        assertEquals(3, state.history(10).size());
        assertTrue(events.posted.isEmpty());
        assertEquals(Optional.empty(), state.lastCheck());
        // A refused check does not count as a failure: the next one comes an interval later.
        assertEquals(List.of(java.time.Duration.ofHours(6)), thread.pending());
    }

    @Test
    public void temporaryFailureReturnsToThePreviousStateAndKeepsTheReason() throws Exception {
        install("app", "1.2.0");
        production.offering(Offers.of("app", "1.3.0").build());
        CheckerComponent c = checker();
        c.check();
        SourceException unreachable = new SourceException("unreachable", "connection refused", true, null);
        production.failing(unreachable);

        SourceException e = assertThrows(SourceException.class, c::check);
        assertSame(unreachable, e);
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        StateTransition t = lastTransition();
        assertEquals(UpdateState.CHECKING, t.from());
        assertEquals("check of source 'production' failed (unreachable, will retry): connection refused", t.reason());
        CheckResult failed = state.lastCheck().orElseThrow();
        assertTrue(failed.failed());
        assertEquals("unreachable: connection refused", failed.error());
        assertTrue(failed.updates().isEmpty());
        Event check = events.topic(Events.CHECK).get(1);
        assertEquals("failed", prop(check, "result"));
        assertEquals("unreachable", prop(check, "error"));
        assertEquals(0, prop(check, "count"));
    }

    @Test
    public void failureThatRetryingCannotHelpMovesToFailed() throws Exception {
        production.failing(new SourceException("rollback", "timestamp version 3 is older than trusted 5", false, null));
        CheckerComponent c = checker();
        SourceException e = assertThrows(SourceException.class, c::check);
        assertEquals("rollback", e.code());
        assertEquals(UpdateState.FAILED, state.status().state());
        assertEquals("check of source 'production' failed (rollback): timestamp version 3 is older than trusted 5",
                lastTransition().reason());
        assertEquals("rollback", prop(events.topic(Events.CHECK).get(0), "error"));

        // From FAILED the next good check goes on as usual.
        install("app", "1.0.0");
        production.offering(Offers.of("app", "1.0.1").build());
        c.check();
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        assertEquals(UpdateState.FAILED, state.history(2).get(0).from());
    }

    @Test
    public void crashingSourceIsAFailureNamingTheCause() throws Exception {
        production.failing(new IllegalStateException("parser bug"));
        SourceException e = assertThrows(SourceException.class, () -> checker().check());
        assertEquals(Checker.SOURCE_ERROR, e.code());
        assertFalse(e.retryable());
        assertTrue(e.getMessage(), e.getMessage().contains("parser bug"));
        assertEquals(UpdateState.FAILED, state.status().state());
    }

    @Test
    public void missingSourceNamesWantedAndAvailableWithoutMovingTheState() throws Exception {
        CheckerComponent c = checker("source", "beta");
        SourceException e = assertThrows(SourceException.class, c::check);
        assertEquals(Sources.NO_SOURCE, e.code());
        assertTrue(e.retryable());
        assertEquals("no update source named 'beta'; available: production, staging", e.getMessage());
        assertTrue(state.history(10).isEmpty());
        assertEquals("no_source: no update source named 'beta'; available: production, staging",
                state.lastCheck().orElseThrow().error());
        assertEquals("beta", state.lastCheck().orElseThrow().source());
        assertEquals(List.of(Events.CHECK), events.posted.stream().map(Event::getTopic).toList());
        assertEquals("no_source", prop(events.posted.get(0), "error"));

        c.unbindUpdateSource(production, java.util.Map.of("updraft.source", "production"));
        c.unbindUpdateSource(staging, java.util.Map.of("updraft.source", "staging"));
        e = assertThrows(SourceException.class, c::check);
        assertTrue(e.getMessage(), e.getMessage().endsWith("available: none"));
    }

    @Test
    public void resultThatCannotBeStoredLeavesCheckingAndFails() throws Exception {
        install("app", "1.2.0");
        production.offering(Offers.of("app", "1.3.0").build());
        // A directory where the store's temporary file must go makes writing last-check.json fail.
        Files.createDirectories(home.resolve("state/last-check.json.tmp/blocked"));
        StateException e = assertThrows(StateException.class, () -> checker().check());
        assertTrue(e.getMessage(), e.getMessage().contains("last-check.json"));
        assertEquals(UpdateState.IDLE, state.status().state());
        assertTrue(lastTransition().reason(), lastTransition().reason().contains("could not be stored"));
        assertTrue(events.topic(Events.CHECK).isEmpty());
    }

    @Test
    public void lastCheckSurvivesARestart() throws Exception {
        install("app", "1.2.0");
        production.offering(Offers.of("app", "1.3.0").deltaFrom("1.2.0").build());
        CheckResult r = checker().check();

        state = openStateAgain();
        CheckerComponent restarted = checker();
        assertEquals(Optional.of(r), restarted.lastCheck());
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
    }

    @Test
    public void checkCutOffByARestartIsFinishedBeforeTheNextOne() throws Exception {
        install("app", "1.2.0");
        production.offering(Offers.of("app", "1.3.0").build());
        checker().check();
        // As if the device lost power in the middle of the next check.
        state.transition(UpdateState.CHECKING, "", "scheduled check of source 'production'");
        state = openStateAgain();
        assertEquals(UpdateState.CHECKING, state.status().state());

        // Starting the checker returns the device to where it stood, before any check runs.
        CheckerComponent restarted = checker();
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        assertTrue(lastTransition().reason(), lastTransition().reason().contains("did not finish"));
        restarted.check();
        List<StateTransition> h = state.history(3);
        assertEquals(UpdateState.UPDATE_AVAILABLE, h.get(0).to());
        assertEquals(UpdateState.CHECKING, h.get(1).to());
        assertEquals(UpdateState.UPDATE_AVAILABLE, h.get(2).to());
        assertTrue(h.get(0).reason(), h.get(0).reason().contains("did not finish"));
    }

    @Test
    public void withoutEventAdminChecksStillWork() throws Exception {
        CheckerComponent c = checker();
        c.unbindEventAdmin(events);
        production.offering();
        assertTrue(c.check().updates().isEmpty());
        assertTrue(events.posted.isEmpty());
        assertEquals(UpdateState.IDLE, state.status().state());
    }

    @Test
    public void stoppedCheckerRefusesChecksAndForgetsItsSchedule() throws Exception {
        CheckerComponent c = checker();
        assertEquals(1, thread.pending().size());
        c.deactivate();
        assertTrue(thread.pending().isEmpty());
        StateException e = assertThrows(StateException.class, c::check);
        assertTrue(e.getMessage(), e.getMessage().contains("stopped"));
        assertEquals(0, production.asked.get());
    }
}
