package io.updraft.analysis.internal;

/**
 * A limit a metric must not reach: {@code GLOB>VALUE} is bad when the metric rises to VALUE (a disk filling up),
 * {@code GLOB<VALUE} when it falls to VALUE (a battery's capacity wearing down).
 *
 * @param rising whether reaching the limit from below is the bad direction
 */
record LimitRule(Glob metrics, boolean rising, double limit) {

    static LimitRule parse(String text) {
        String t = text == null ? "" : text.strip();
        int gt = t.indexOf('>');
        int lt = t.indexOf('<');
        int at = gt >= 0 ? gt : lt;
        if (at <= 0 || (gt >= 0 && lt >= 0) || at == t.length() - 1) {
            throw new IllegalArgumentException("limits entry '" + text
                    + "' must be GLOB>VALUE or GLOB<VALUE, e.g. updraft.metric.disk.usedPercent*>100");
        }
        double value;
        try {
            value = Double.parseDouble(t.substring(at + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limits entry '" + text + "' has no number after " + t.charAt(at), e);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("limits entry '" + text + "' has a limit that is not finite");
        }
        return new LimitRule(Glob.of("limits", t.substring(0, at).strip()), gt >= 0, value);
    }

    String describe() {
        return metrics.text() + (rising ? ">" : "<") + limit;
    }
}
