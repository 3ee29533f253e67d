package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;

/**
 * The insights found so far, one per id: a finding seen again keeps its first-seen time. Anomalies and error-rate
 * changes are events and stay listed for the retention after they were last seen; trends, forecasts and
 * correlations are re-evaluated on every run and disappear as soon as a run no longer confirms them. At most
 * {@value #MAX} are kept, the least severe and oldest dropped first.
 */
final class InsightBook {
    static final int MAX = 200;
    static final Comparator<Insight> ORDER = Comparator.comparing(Insight::severity).reversed()
            .thenComparing(Insight::lastSeen, Comparator.reverseOrder()).thenComparing(Insight::id);

    private final Map<String, Insight> byId = new LinkedHashMap<>();

    /** Records the insight; returns true if its id is new. */
    boolean put(Insight i) {
        Insight before = byId.get(i.id());
        if (before == null) {
            byId.put(i.id(), i);
            return true;
        }
        byId.put(i.id(), new Insight(i.id(), i.kind(), i.severity(), i.title(), i.detail(), i.metrics(), i.evidence(),
                before.firstSeen().isBefore(i.firstSeen()) ? before.firstSeen() : i.firstSeen(),
                before.lastSeen().isAfter(i.lastSeen()) ? before.lastSeen() : i.lastSeen()));
        return false;
    }

    /** Drops what this run did not confirm (re-evaluated kinds) and what is older than the retention. */
    void prune(Set<String> confirmed, Instant expiredBefore) {
        byId.values().removeIf(i -> reevaluated(i.kind()) ? !confirmed.contains(i.id()) : i.lastSeen().isBefore(expiredBefore));
        if (byId.size() > MAX) {
            List<Insight> sorted = sorted();
            Set<String> keep = new HashSet<>();
            sorted.subList(0, MAX).forEach(i -> keep.add(i.id()));
            byId.keySet().retainAll(keep);
        }
    }

    /** Drops the insights that match; returns whether any did. */
    boolean removeIf(java.util.function.Predicate<Insight> which) {
        return byId.values().removeIf(which);
    }

    static boolean reevaluated(InsightKind kind) {
        return kind == InsightKind.TREND || kind == InsightKind.FORECAST || kind == InsightKind.CORRELATION;
    }

    List<Insight> sorted() {
        List<Insight> out = new ArrayList<>(byId.values());
        out.sort(ORDER);
        return out;
    }
}
