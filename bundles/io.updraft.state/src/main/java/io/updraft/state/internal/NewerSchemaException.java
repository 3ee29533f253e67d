package io.updraft.state.internal;

import java.nio.file.Path;

/**
 * An intact state file in a schema newer than this code reads: written by a newer Updraft before the device went
 * back to this version. Not corruption: recovering from it would throw away what the newer version recorded, so
 * the store refuses to open instead and leaves every file as it is.
 */
final class NewerSchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long found;
    private final int supported;

    NewerSchemaException(long found, int supported) {
        this(found, supported, null);
    }

    private NewerSchemaException(long found, int supported, Path file) {
        super((file == null ? "state file" : file.toString()) + " has schema version " + found
                + ", but this Updraft reads schema " + supported
                + ": written by a newer Updraft; refusing to start rather than lose state");
        this.found = found;
        this.supported = supported;
    }

    /** The same problem, naming the file it was found in. */
    NewerSchemaException in(Path where) {
        NewerSchemaException e = new NewerSchemaException(found, supported, where);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
