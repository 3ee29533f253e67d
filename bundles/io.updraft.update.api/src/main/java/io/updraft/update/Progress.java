package io.updraft.update;

/**
 * Progress of the running phase of an update.
 *
 * @param updateId the update
 * @param phase the phase, e.g. {@code download} or {@code install}
 * @param done units done (bytes for transfers)
 * @param total units in all, or -1 when not known
 */
public record Progress(String updateId, String phase, long done, long total) {
    public Progress {
        if (done < 0) {
            throw new IllegalArgumentException("progress done must not be negative: " + done);
        }
        if (total < -1 || (total >= 0 && done > total)) {
            throw new IllegalArgumentException("progress total " + total + " does not fit done " + done);
        }
    }

    /** Percentage 0-100, or -1 when the total is not known. */
    public int percent() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 100 : (int) (done * 100 / total);
    }
}
