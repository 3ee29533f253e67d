package io.updraft.telemetry;

/**
 * What the local store keeps of one category.
 *
 * @param events how many events
 * @param bytes their size on disk
 */
public record StoreUsage(long events, long bytes) {
    /** Nothing stored. */
    public static final StoreUsage EMPTY = new StoreUsage(0, 0);

    public StoreUsage {
        if (events < 0 || bytes < 0) {
            throw new IllegalArgumentException("store usage " + events + " events, " + bytes + " bytes is negative");
        }
    }
}
