package io.updraft.services.internal;

import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One supervised service's state. Fields are guarded by this object's monitor; {@link #operation} serialises the
 * slow operations (start, stop) so that they never overlap for one service, while status reads stay quick.
 */
final class Supervised {
    final String component;
    final String service;
    final ReentrantLock operation = new ReentrantLock();

    /** The running process, or null. */
    Launcher.Running current;
    /** The last process started, kept to restart it after it exits. */
    ProcessRecord last;
    /** Whether exits are answered with a restart. */
    boolean watching;
    /** Bumped whenever watching stops, so callbacks of earlier processes and timers know they are out of date. */
    long generation;
    int restarts;
    int exitsInARow;
    /** The pending restart or the poll of an adopted process, or null. */
    Future<?> timer;
    String detail = "not started";

    Supervised(String component, String service) {
        this.component = component;
        this.service = service;
    }

    /** Stops answering exits; returns the process that ran. */
    synchronized Launcher.Running unwatch() {
        watching = false;
        generation++;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return current;
    }
}
