package io.updraft.publisher.internal;

import java.util.List;
import java.util.Map;

import io.updraft.tuf.TufKey;

/**
 * The keys a delegating role (root for the top-level roles, targets for delegated ones) authorizes for a role.
 *
 * @param keys the public keys by id
 * @param keyIds the authorized ids, sorted
 * @param threshold how many of them must sign
 */
record RoleKeys(Map<String, TufKey> keys, List<String> keyIds, int threshold) {
    RoleKeys {
        keys = Map.copyOf(keys);
        keyIds = List.copyOf(keyIds);
    }
}
