package io.updraft.downloader.internal;

/**
 * The handle on one running download: asks it to stop, and lets its waits (backoff, network, throttle) end at once
 * when it is asked. The download thread polls {@link #stopReason()} between chunks.
 */
final class Control {
    /** Why a running download is asked to stop. */
    enum Stop {
        PAUSE, DISCARD, SHUTDOWN
    }

    private Stop stop;
    private boolean ended;

    synchronized void stop(Stop reason) {
        if (stop == null) {
            stop = reason;
        }
        notifyAll();
    }

    synchronized Stop stopReason() {
        return stop;
    }

    boolean stopped() {
        return stopReason() != null;
    }

    /**
     * Waits {@code nanos} or until a stop is asked for.
     *
     * @return whether the full time passed without a stop
     */
    synchronized boolean sleep(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && stop == null; left = end - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return stop == null;
    }

    synchronized void ended() {
        ended = true;
        notifyAll();
    }

    /** @return whether the download ended within {@code millis} */
    synchronized boolean awaitEnd(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0 && !ended; left = end - System.currentTimeMillis()) {
            wait(left);
        }
        return ended;
    }
}
