package io.updraft.checker.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;
import io.updraft.update.VersionRange;

/**
 * Decides which offered releases are updates for this device: made for its product and hardware revision, newer
 * than the installed version by SemVer precedence (a component not installed only when new components are
 * wanted), a delta only from exactly the installed version (build metadata included: it names the build the
 * delta was made against), no conflict with an installed component, every requirement met by an
 * installed component or by another update of the same result. Of what is left, the newest release per
 * component is taken. Every release not taken is listed with the reason, naming component and version.
 *
 * <p>This answers "what is there for me"; the order and combination in which updates are installed is for the
 * install plan to decide.
 */
final class Selection {
    /** Newest first; of equal versions a delta first (it applies to what is installed and is smaller). */
    private static final Comparator<Offer> PREFERRED = Comparator
            .comparing((Offer o) -> o.release().version(), Comparator.reverseOrder())
            .thenComparing(o -> o.release().kind() == Release.Kind.FULL)
            .thenComparing(Offer::artifact);

    record Outcome(List<Offer> updates, List<String> skipped) {
    }

    private final String product;
    private final String hardware;
    private final Map<String, Version> installed;
    private final boolean offerNewComponents;

    Selection(String product, String hardware, Map<String, Version> installed, boolean offerNewComponents) {
        this.product = product;
        this.hardware = hardware;
        this.installed = Map.copyOf(installed);
        this.offerNewComponents = offerNewComponents;
    }

    Outcome select(List<Offer> offers) {
        List<String> skipped = new ArrayList<>();
        Map<String, List<Offer>> candidates = new TreeMap<>();
        for (Offer o : offers) {
            String refusal = refusal(o);
            if (refusal != null) {
                skipped.add(describe(o) + ": " + refusal);
            } else {
                candidates.computeIfAbsent(o.release().component(), k -> new ArrayList<>()).add(o);
            }
        }
        candidates.values().forEach(list -> list.sort(PREFERRED));
        dropUnmetRequirements(candidates, skipped);

        List<Offer> updates = new ArrayList<>();
        for (List<Offer> list : candidates.values()) {
            Offer taken = list.get(0);
            updates.add(taken);
            for (Offer other : list.subList(1, list.size())) {
                skipped.add(describe(other) + ": superseded by " + describe(taken));
            }
        }
        skipped.sort(null);
        return new Outcome(updates, skipped);
    }

    /** Why a release cannot be an update here whatever else is offered, or null if it can. */
    private String refusal(Offer o) {
        Release r = o.release();
        if (!r.fits(product, hardware)) {
            List<String> mismatch = new ArrayList<>();
            if (!r.products().isEmpty() && !r.products().contains(product)) {
                mismatch.add("made for products " + sorted(r.products()) + ", not '" + product + "'");
            }
            if (!r.hardware().isEmpty() && !r.hardware().contains(hardware)) {
                mismatch.add("made for hardware " + sorted(r.hardware()) + ", not '" + hardware + "'");
            }
            return String.join("; ", mismatch);
        }
        Version current = installed.get(r.component());
        if (current == null && r.kind() == Release.Kind.DELTA) {
            return "a delta, but the component is not installed";
        }
        if (current == null && !offerNewComponents) {
            return "the component is not installed and new components are not offered (offerNewComponents=false)";
        }
        if (current != null && !r.version().isNewerThan(current)) {
            return "not newer than installed " + current;
        }
        if (r.kind() == Release.Kind.DELTA && !r.deltaBase().equals(current)) {
            return "a delta from " + r.deltaBase() + ", but " + current + " is installed";
        }
        for (Map.Entry<String, String> c : new TreeMap<>(o.conflicts()).entrySet()) {
            VersionRange range;
            try {
                range = VersionRange.parse(c.getValue());
            } catch (IllegalArgumentException e) {
                return "its conflicts entry for " + c.getKey() + " is unusable: " + e.getMessage();
            }
            Version other = installed.get(c.getKey());
            if (other != null && range.contains(other)) {
                return "conflicts with installed " + c.getKey() + " " + other + " ('" + range + "')";
            }
        }
        for (Map.Entry<String, String> req : o.requires().entrySet()) {
            try {
                VersionRange.parse(req.getValue());
            } catch (IllegalArgumentException e) {
                return "its requires entry for " + req.getKey() + " is unusable: " + e.getMessage();
            }
        }
        return null;
    }

    /**
     * Drops the preferred release of a component while one of its requirements is met neither by what is
     * installed nor by the preferred release of the required component, falling back to the next candidate.
     * Repeated until nothing changes, since a dropped release may have met another one's requirement.
     */
    private void dropUnmetRequirements(Map<String, List<Offer>> candidates, List<String> skipped) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, Version> preferred = new TreeMap<>();
            candidates.forEach((name, list) -> preferred.put(name, list.get(0).release().version()));
            for (List<Offer> list : candidates.values()) {
                String unmet = unmetRequirement(list.get(0), preferred);
                if (unmet != null) {
                    skipped.add(describe(list.get(0)) + ": " + unmet);
                    list.remove(0);
                    changed = true;
                }
            }
            candidates.values().removeIf(List::isEmpty);
        }
    }

    private String unmetRequirement(Offer o, Map<String, Version> preferred) {
        for (Map.Entry<String, String> req : new TreeMap<>(o.requires()).entrySet()) {
            VersionRange range = VersionRange.parse(req.getValue());
            Version have = installed.get(req.getKey());
            Version offered = preferred.get(req.getKey());
            if ((have == null || !range.contains(have)) && (offered == null || !range.contains(offered))) {
                return "requires " + req.getKey() + " '" + range + "', but installed is "
                        + (have == null ? "none" : have) + " and offered is " + (offered == null ? "none" : offered);
            }
        }
        return null;
    }

    static String describe(Offer o) {
        Release r = o.release();
        return r.component() + " " + r.version() + (r.kind() == Release.Kind.DELTA ? " (delta from " + r.deltaBase() + ")" : "");
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
