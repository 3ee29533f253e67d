package io.updraft.publisher.internal;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a command may use besides its arguments: output streams, the clock expiry dates are counted from, and the
 * randomness keys are made of. Tests pass a fixed clock.
 */
record Context(PrintStream out, PrintStream err, Clock clock, SecureRandom random) {

    /** Now, in whole seconds, as TUF metadata writes times. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
