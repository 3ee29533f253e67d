package io.updraft.state.internal;

import java.io.IOException;

/**
 * A write whose new content is in place under the file's name, but whose durability could not be proven (the
 * directory sync after the rename failed). Readers already see the new content and a restart finds it unless
 * the power fails first, so callers must treat the change as made while still reporting the error.
 */
final class NotDurableException extends IOException {
    private static final long serialVersionUID = 1L;

    NotDurableException(String message, IOException cause) {
        super(message, cause);
    }
}
