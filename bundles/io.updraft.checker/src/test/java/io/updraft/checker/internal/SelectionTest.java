package io.updraft.checker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.update.Offer;
import io.updraft.update.Version;

public class SelectionTest {
    private static final Map<String, Version> INSTALLED = Map.of("app", Version.parse("1.2.0"),
            "base-os", Version.parse("4.1.0+b7"), "nav", Version.parse("3.0.0"));

    private static Selection.Outcome select(boolean offerNew, Offers... offers) {
        return new Selection("robot", "rev-c", INSTALLED, offerNew)
                .select(java.util.Arrays.stream(offers).map(Offers::build).toList());
    }

    private static Selection.Outcome select(Offers... offers) {
        return select(false, offers);
    }

    private static List<String> taken(Selection.Outcome out) {
        return out.updates().stream().map(Selection::describe).toList();
    }

    private static void assertSkipped(Selection.Outcome out, String... fragments) {
        String all = String.join("\n", out.skipped());
        for (String f : fragments) {
            assertTrue("'" + f + "' not in:\n" + all, all.contains(f));
        }
    }

    @Test
    public void onlyNewerThanInstalledBySemVerIsAnUpdate() {
        Selection.Outcome out = select(Offers.of("app", "1.3.0"), Offers.of("app", "1.1.9"), Offers.of("app", "1.2.0"),
                Offers.of("base-os", "4.1.0+b8"), Offers.of("nav", "3.0.0-rc.1"), Offers.of("nav", "10.0.0"));
        assertEquals(List.of("app 1.3.0", "nav 10.0.0"), taken(out));
        assertSkipped(out, "app 1.1.9: not newer than installed 1.2.0", "app 1.2.0: not newer than installed 1.2.0",
                "base-os 4.1.0+b8: not newer than installed 4.1.0+b7", "nav 3.0.0-rc.1: not newer than installed 3.0.0");
        assertEquals(4, out.skipped().size());
    }

    @Test
    public void newestCompatibleReleasePerComponentIsTakenOthersSuperseded() {
        Selection.Outcome out = select(Offers.of("app", "1.3.0"), Offers.of("app", "1.10.0"),
                Offers.of("app", "1.4.0-rc.1"), Offers.of("app", "2.0.0").products("headset"));
        assertEquals(List.of("app 1.10.0"), taken(out));
        assertSkipped(out, "app 1.3.0: superseded by app 1.10.0", "app 1.4.0-rc.1: superseded by app 1.10.0",
                "app 2.0.0: made for products [headset], not 'robot'");
    }

    @Test
    public void productAndHardwareMustFit() {
        Selection.Outcome out = select(Offers.of("app", "1.5.0").products("headset", "generic"),
                Offers.of("app", "1.4.0").hardware("rev-a", "rev-b"),
                Offers.of("app", "1.3.5").products("headset").hardware("rev-a"),
                Offers.of("nav", "3.1.0").products("robot").hardware("rev-c", "rev-d"));
        assertEquals(List.of("nav 3.1.0"), taken(out));
        assertSkipped(out, "app 1.5.0: made for products [generic, headset], not 'robot'",
                "app 1.4.0: made for hardware [rev-a, rev-b], not 'rev-c'",
                "app 1.3.5: made for products [headset], not 'robot'; made for hardware [rev-a], not 'rev-c'");
    }

    @Test
    public void componentsNotInstalledOnlyWhenWanted() {
        Offers tool = Offers.of("diag-tool", "0.1.0");
        assertTrue(taken(select(tool)).isEmpty());
        assertSkipped(select(tool), "diag-tool 0.1.0: the component is not installed and new components are not offered (offerNewComponents=false)");
        assertEquals(List.of("diag-tool 0.1.0"), taken(select(true, tool)));
    }

    @Test
    public void deltaOnlyFromExactlyTheInstalledVersion() {
        Selection.Outcome out = select(Offers.of("app", "1.3.0").deltaFrom("1.2.0"),
                Offers.of("app", "1.4.0").deltaFrom("1.1.0"), Offers.of("base-os", "4.2.0").deltaFrom("4.1.0"),
                Offers.of("diag-tool", "1.0.0").deltaFrom("0.9.0"));
        assertEquals(List.of("app 1.3.0 (delta from 1.2.0)"), taken(out));
        assertSkipped(out, "app 1.4.0 (delta from 1.1.0): a delta from 1.1.0, but 1.2.0 is installed",
                // Build metadata names a different build: a delta made against another build would not apply.
                "base-os 4.2.0 (delta from 4.1.0): a delta from 4.1.0, but 4.1.0+b7 is installed",
                "diag-tool 1.0.0 (delta from 0.9.0): a delta, but the component is not installed");
        assertEquals(3, out.skipped().size());
        assertSkipped(select(true, Offers.of("diag-tool", "1.0.0").deltaFrom("0.9.0")), "a delta, but the component is not installed");
    }

    @Test
    public void deltaIsPreferredOverFullOfTheSameVersion() {
        Selection.Outcome out = select(Offers.of("app", "1.3.0"), Offers.of("app", "1.3.0").deltaFrom("1.2.0"));
        assertEquals(List.of("app 1.3.0 (delta from 1.2.0)"), taken(out));
        assertSkipped(out, "app 1.3.0: superseded by app 1.3.0 (delta from 1.2.0)");
    }

    @Test
    public void requirementsMetByInstalledOrBySameResult() {
        Selection.Outcome out = select(Offers.of("app", "1.3.0").requires("base-os", "^4.1.0"),
                Offers.of("nav", "3.1.0").requires("base-os", ">=4.2.0"), Offers.of("base-os", "4.2.0"));
        assertEquals(List.of("app 1.3.0", "base-os 4.2.0", "nav 3.1.0"), taken(out));
        assertTrue(out.skipped().isEmpty());
    }

    @Test
    public void unmetRequirementFallsBackToAnOlderRelease() {
        Selection.Outcome out = select(Offers.of("app", "2.0.0").requires("base-os", ">=5.0.0"),
                Offers.of("app", "1.3.0").requires("base-os", "4.x"), Offers.of("nav", "4.0.0").requires("ui", "*"));
        assertEquals(List.of("app 1.3.0"), taken(out));
        assertSkipped(out, "app 2.0.0: requires base-os '>=5.0.0', but installed is 4.1.0+b7 and offered is none",
                "nav 4.0.0: requires ui '*', but installed is none and offered is none");
    }

    @Test
    public void droppingOneReleaseDropsWhatReliedOnIt() {
        // nav 4 needs app 2, app 2 needs base-os 5, and no base-os 5 is offered: neither can be taken.
        Selection.Outcome out = select(Offers.of("nav", "4.0.0").requires("app", "^2.0.0"),
                Offers.of("app", "2.0.0").requires("base-os", "^5.0.0"), Offers.of("app", "1.5.0"));
        assertEquals(List.of("app 1.5.0"), taken(out));
        assertSkipped(out, "app 2.0.0: requires base-os '^5.0.0'", "nav 4.0.0: requires app '^2.0.0', but installed is 1.2.0 and offered is 1.5.0");
    }

    @Test
    public void conflictsWithInstalledComponentsAreSkipped() {
        Selection.Outcome out = select(Offers.of("app", "1.4.0").conflicts("nav", "<3.1.0"),
                Offers.of("app", "1.3.0").conflicts("nav", ">=4.0.0"), Offers.of("nav", "3.2.0").conflicts("legacy-ui", "*"));
        assertEquals(List.of("app 1.3.0", "nav 3.2.0"), taken(out));
        assertSkipped(out, "app 1.4.0: conflicts with installed nav 3.0.0 ('<3.1.0')");
    }

    @Test
    public void unusableRangesSkipTheReleaseNamingTheRange() {
        Selection.Outcome out = select(Offers.of("app", "1.4.0").requires("base-os", "4.x.1"),
                Offers.of("nav", "3.1.0").conflicts("app", "=> 1.0"));
        assertTrue(out.updates().isEmpty());
        assertSkipped(out, "app 1.4.0: its requires entry for base-os is unusable: version range '4.x.1' is invalid",
                "nav 3.1.0: its conflicts entry for app is unusable: version range '=> 1.0' is invalid");
    }

    @Test
    public void resultIsSortedAndIndependentOfOfferOrder() {
        Offers[] offers = {Offers.of("nav", "3.1.0"), Offers.of("app", "1.3.0"), Offers.of("app", "1.4.0"),
            Offers.of("base-os", "4.0.0"), Offers.of("app", "1.0.0").products("x")};
        Selection.Outcome a = select(offers);
        java.util.Collections.reverse(java.util.Arrays.asList(offers));
        Selection.Outcome b = select(offers);
        assertEquals(a, b);
        assertEquals(List.of("app 1.4.0", "nav 3.1.0"), taken(a));
        List<Offer> updates = a.updates();
        assertEquals("production", updates.get(0).source());
    }
}
