package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Counts ERROR and WARN log entries per interval, in total and per logger, and reports an interval whose count is
 * improbably high for the baseline rate (the mean of the last {@code baselineIntervals} intervals, at least
 * {@value #MIN_RATE}): at least {@code minCount} entries, {@code minRatio} times the baseline, and a Poisson tail
 * probability below {@code significance}. Each logger's own baseline is an exponentially weighted rate, so the
 * report can name the loggers that changed. Consecutive raised intervals are one change. Entries that arrive for an
 * interval already judged count in the current one.
 */
final class LogRates {
    static final double MIN_RATE = 0.1;
    static final String[] LEVELS = {"ERROR", "WARN"};
    private static final int MAX_LOGGERS = 500;
    private static final int MAX_MESSAGE = 200;
    private static final int TOP_LOGGERS = 3;

    /** A logger's share of a raised interval. */
    record LoggerChange(String logger, long count, double baseline, String message) {
    }

    /** A raised error or warning rate, as far as it is known. */
    record Change(String level, Instant start, Instant last, long count, double baseline, double pValue,
            Instant intervalStart, List<LoggerChange> loggers) {
    }

    private final Settings.ErrorRate settings;
    private final long width;
    final HourlySeries errorsHourly;
    private long current = Long.MIN_VALUE;
    private final long[] counts = new long[LEVELS.length];
    private final List<Map<String, Long>> loggerCounts = List.of(new HashMap<>(), new HashMap<>());
    private final List<Map<String, String>> messages = List.of(new HashMap<>(), new HashMap<>());
    private final List<Map<String, Double>> loggerRates = List.of(new HashMap<>(), new HashMap<>());
    private final double[][] baseline;
    private int baselineSize;
    private int baselineNext;
    // Per level: start of the open change (epoch ms) or -1, and the last interval id that was raised.
    private final long[] openStart = {-1, -1};
    private final long[] openLastInterval = {-1, -1};

    LogRates(Settings.ErrorRate settings, int seriesHours) {
        this(settings, new HourlySeries(seriesHours));
    }

    private LogRates(Settings.ErrorRate settings, HourlySeries errorsHourly) {
        this.settings = settings;
        this.width = settings.interval().toMillis();
        this.baseline = new double[LEVELS.length][settings.baselineIntervals()];
        this.errorsHourly = errorsHourly;
    }

    /** Whether no log entry was counted yet: nothing in here derives from the log. */
    boolean isEmpty() {
        return current == Long.MIN_VALUE && baselineSize == 0 && errorsHourly.isEmpty();
    }

    /** The level's index in {@link #LEVELS}, or -1 for levels not counted. */
    static int level(String level) {
        String l = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        switch (l) {
            case "ERROR":
            case "FATAL":
            case "SEVERE":
                return 0;
            case "WARN":
            case "WARNING":
                return 1;
            default:
                return -1;
        }
    }

    /** Counts one log entry; returns the changes found in intervals this entry's time closed. */
    List<Change> add(Instant time, String level, String logger, String message) {
        if (current == Long.MIN_VALUE) {
            current = Math.floorDiv(time.toEpochMilli(), width);
        }
        List<Change> out = advance(time);
        int l = level(level);
        if (l < 0) {
            return out;
        }
        counts[l]++;
        String name = logger == null || logger.isBlank() ? "(unknown)" : logger;
        Map<String, Long> byLogger = loggerCounts.get(l);
        if (byLogger.containsKey(name) || byLogger.size() < MAX_LOGGERS) {
            byLogger.merge(name, 1L, Long::sum);
            if (message != null && !message.isBlank()) {
                messages.get(l).putIfAbsent(name, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
            }
        }
        if (l == 0) {
            errorsHourly.add(time, 1);
        }
        return out;
    }

    /** Judges every interval that ended by {@code now}. */
    List<Change> advance(Instant now) {
        List<Change> out = new ArrayList<>();
        long id = Math.floorDiv(now.toEpochMilli(), width);
        if (current == Long.MIN_VALUE || current >= id) {
            return out;
        }
        close(out);
        // Silent intervals count as zeros; after a long silence only a baseline's worth of them matters.
        long empty = Math.min(id - current - 1, settings.baselineIntervals());
        for (long i = 0; i < empty; i++) {
            current = id - empty + i;
            close(out);
        }
        current = id;
        return out;
    }

    private void close(List<Change> out) {
        int needed = Math.min(settings.baselineIntervals(), 6);
        for (int l = 0; l < LEVELS.length; l++) {
            long c = counts[l];
            if (baselineSize >= needed) {
                double lambda = Math.max(MIN_RATE, mean(l));
                double p = Stats.poissonUpperTail(c, lambda);
                if (c >= settings.minCount() && c >= settings.minRatio() * lambda && p < settings.significance()) {
                    out.add(change(l, c, lambda, p));
                }
            }
            baseline[l][baselineNext] = c;
            updateLoggerRates(l);
            counts[l] = 0;
            loggerCounts.get(l).clear();
            messages.get(l).clear();
        }
        baselineNext = (baselineNext + 1) % settings.baselineIntervals();
        baselineSize = Math.min(baselineSize + 1, settings.baselineIntervals());
    }

    private Change change(int l, long c, double lambda, double p) {
        long startMs = current * width;
        if (openStart[l] < 0 || openLastInterval[l] != current - 1) {
            openStart[l] = startMs;
        }
        openLastInterval[l] = current;
        Map<String, Double> rates = loggerRates.get(l);
        List<LoggerChange> loggers = new ArrayList<>();
        for (Map.Entry<String, Long> e : loggerCounts.get(l).entrySet()) {
            loggers.add(new LoggerChange(e.getKey(), e.getValue(), rates.getOrDefault(e.getKey(), 0.0),
                    messages.get(l).getOrDefault(e.getKey(), "")));
        }
        loggers.sort(Comparator.comparingDouble((LoggerChange x) -> x.baseline() - x.count()).thenComparing(LoggerChange::logger));
        return new Change(LEVELS[l], Instant.ofEpochMilli(openStart[l]), Instant.ofEpochMilli(startMs + width), c, lambda,
                p, Instant.ofEpochMilli(startMs), List.copyOf(loggers.subList(0, Math.min(TOP_LOGGERS, loggers.size()))));
    }

    private double mean(int l) {
        double s = 0;
        for (int i = 0; i < baselineSize; i++) {
            s += baseline[l][i];
        }
        return s / baselineSize;
    }

    private void updateLoggerRates(int l) {
        double alpha = 1.0 / settings.baselineIntervals();
        Map<String, Double> rates = loggerRates.get(l);
        Map<String, Long> now = loggerCounts.get(l);
        for (Iterator<Map.Entry<String, Double>> it = rates.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Double> e = it.next();
            double r = e.getValue() + alpha * (now.getOrDefault(e.getKey(), 0L) - e.getValue());
            if (r < 1e-3 && !now.containsKey(e.getKey())) {
                it.remove();
            } else {
                e.setValue(r);
            }
        }
        for (Map.Entry<String, Long> e : now.entrySet()) {
            if (!rates.containsKey(e.getKey()) && rates.size() < MAX_LOGGERS) {
                rates.put(e.getKey(), alpha * e.getValue());
            }
        }
    }

    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("interval", settings.interval().toString());
        o.put("current", current);
        o.put("baselineSize", baselineSize);
        o.put("baselineNext", baselineNext);
        ArrayNode levels = o.putArray("levels");
        for (int l = 0; l < LEVELS.length; l++) {
            ObjectNode x = levels.addObject();
            x.put("count", counts[l]);
            x.put("openStart", openStart[l]);
            x.put("openLastInterval", openLastInterval[l]);
            ArrayNode b = x.putArray("baseline");
            for (double v : baseline[l]) {
                b.add(v);
            }
            ObjectNode lc = x.putObject("loggers");
            loggerCounts.get(l).forEach(lc::put);
            ObjectNode m = x.putObject("messages");
            messages.get(l).forEach(m::put);
            ObjectNode r = x.putObject("rates");
            loggerRates.get(l).forEach(r::put);
        }
        o.set("errorsHourly", errorsHourly.toJson());
        return o;
    }

    static LogRates fromJson(JsonNode o, Settings s) {
        HourlySeries hourly = HourlySeries.fromJson(o == null ? null : o.get("errorsHourly"), s.seriesHours());
        LogRates r = new LogRates(s.errors(), hourly);
        JsonNode levels = o == null ? null : o.get("levels");
        if (levels == null || !s.errors().interval().toString().equals(o.path("interval").asText())
                || levels.size() != LEVELS.length
                || levels.get(0).path("baseline").size() != s.errors().baselineIntervals()) {
            return r;
        }
        r.current = o.path("current").asLong();
        r.baselineSize = o.path("baselineSize").asInt();
        r.baselineNext = o.path("baselineNext").asInt();
        for (int l = 0; l < LEVELS.length; l++) {
            JsonNode x = levels.get(l);
            r.counts[l] = x.path("count").asLong();
            r.openStart[l] = x.path("openStart").asLong(-1);
            r.openLastInterval[l] = x.path("openLastInterval").asLong(-1);
            for (int i = 0; i < r.baseline[l].length; i++) {
                r.baseline[l][i] = x.path("baseline").get(i).asDouble();
            }
            int level = l;
            x.path("loggers").fields().forEachRemaining(e -> r.loggerCounts.get(level).put(e.getKey(), e.getValue().asLong()));
            x.path("messages").fields().forEachRemaining(e -> r.messages.get(level).put(e.getKey(), e.getValue().asText()));
            x.path("rates").fields().forEachRemaining(e -> r.loggerRates.get(level).put(e.getKey(), e.getValue().asDouble()));
        }
        return r;
    }
}
