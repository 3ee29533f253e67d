package io.updraft.state.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/**
 * The process {@link KillTest} kills: opens the real store and writes until it dies, acknowledging each write
 * on stdout only after the call returned, i.e. after the write is durable. Its first line, {@code open}, says the
 * store is open; the test starts some of its delays from there.
 *
 * <p>Every round also starts the journal of a new attempt, so that with few journals kept every round removes
 * the oldest one as well.
 *
 * <p>Arguments: home directory, history limit, journals kept.
 */
public final class KillChild {
    static final String UPDATE_ID = "kill-run";
    static final String COMPONENT = "app";
    static final String ATTEMPT = "attempt-";

    /** A legal round trip through the state machine. */
    static final List<UpdateState> CYCLE = List.of(UpdateState.IDLE, UpdateState.CHECKING,
            UpdateState.UPDATE_AVAILABLE, UpdateState.DOWNLOADING, UpdateState.VERIFYING, UpdateState.READY,
            UpdateState.INSTALLING, UpdateState.AWAITING_COMMIT);

    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        // Unbuffered: one write(2) per line, so an acknowledgement is never half in the pipe when the kill lands.
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        DeviceStateComponent store = new DeviceStateComponent(
                TestConfigs.config(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        ack(out, "open " + store.recoveryNotices().size());
        long i = store.installed(COMPONENT).map(c -> c.version().patch() + 1).orElse(0L);
        while (true) {
            store.recordInstalled(new InstalledComponent(COMPONENT, Version.of(1, 0, i), Instant.now()));
            ack(out, "component " + i);
            StateTransition t = store.transition(next(store.status().state()), UPDATE_ID, "iteration " + i);
            ack(out, "transition " + t.sequence());
            JournalEntry e = store.appendJournal(UPDATE_ID, "step", Map.of("i", Long.toString(i)));
            ack(out, "journal " + e.sequence());
            store.appendJournal(ATTEMPT + i, "started", Map.of());
            ack(out, "attempt " + i);
            i++;
        }
    }

    static UpdateState next(UpdateState current) {
        return CYCLE.get((CYCLE.indexOf(current) + 1) % CYCLE.size());
    }

    private static void ack(FileOutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
