package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.Severity;

/**
 * Correlations between metrics and failure rates: each metric's hourly maximum against the hourly count of each
 * failure (crash events, log errors) over the hours both are known. Spearman's rank coefficient decides (robust to
 * outliers and any monotonic relation), with its t-test p-value multiplied by the number of pairs tested
 * (Bonferroni), so testing many metrics does not manufacture findings; Pearson's r is reported alongside.
 */
final class Correlations {
    private Correlations() {
    }

    static List<Insight> evaluate(Collection<MetricState> metrics, Map<String, HourlySeries> failures, Instant now,
            Settings s) {
        record Pair(MetricState metric, String failure, double[] a, double[] b, int n) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (MetricState m : metrics) {
            long[] hours = m.hourly.hours(now);
            if (hours.length < s.correlation().minSamples()) {
                continue;
            }
            for (Map.Entry<String, HourlySeries> f : failures.entrySet()) {
                double[] a = new double[hours.length];
                double[] b = new double[hours.length];
                long total = 0;
                for (int i = 0; i < hours.length; i++) {
                    a[i] = m.hourly.max(hours[i]);
                    b[i] = f.getValue().count(hours[i]);
                    total += (long) b[i];
                }
                if (total > 0) {
                    pairs.add(new Pair(m, f.getKey(), a, b, hours.length));
                }
            }
        }
        List<Insight> out = new ArrayList<>();
        for (Pair p : pairs) {
            double rho = Stats.spearman(p.a(), p.b(), p.n());
            if (Double.isNaN(rho) || Math.abs(rho) < s.correlation().min()) {
                continue;
            }
            double pValue = Stats.correlationPValue(rho, p.n());
            double adjusted = Math.min(1, pValue * pairs.size());
            if (adjusted > s.correlation().significance()) {
                continue;
            }
            double r = Stats.pearson(p.a(), p.b(), p.n());
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("spearman", Advice.round(rho));
            evidence.put("pearson", Double.isNaN(r) ? 0.0 : Advice.round(r));
            evidence.put("hours", (long) p.n());
            evidence.put("pValue", pValue);
            evidence.put("pairsTested", (long) pairs.size());
            evidence.put("pValueBonferroni", adjusted);
            evidence.put("failuresInWindow", (long) sum(p.b()));
            evidence.put("aligned", "hourly maximum of the metric vs failures per hour");
            String direction = rho > 0 ? "higher" : "lower";
            String title = p.failure() + " rises with " + direction + " " + p.metric().name + " (Spearman "
                    + Advice.number(Advice.round(rho)) + ", " + p.n() + " h)";
            String detail = "Hours with " + direction + " " + p.metric().name + " have more " + p.failure()
                    + " (Spearman " + Advice.number(Advice.round(rho)) + ", p " + String.format(java.util.Locale.ROOT, "%.2g", adjusted)
                    + " after Bonferroni over " + pairs.size() + " pairs). Correlation is not cause: reproduce the failure under "
                    + direction + " " + p.metric().name + " before acting. " + Advice.forMetric(p.metric().name) + ".";
            out.add(new Insight("correlation/" + p.metric().name + "/" + p.failure(), InsightKind.CORRELATION,
                    Severity.WARNING, title, detail, List.of(p.metric().name, p.failure()), evidence, now, now));
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
