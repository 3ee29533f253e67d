package io.updraft.publisher.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.TufSigner;

/**
 * {@code rotate-key}: adds a key to a role and/or revokes one. For a top-level role a new root version lists the
 * change; for root itself that version is signed by the threshold of the old root keys and of the new ones, so
 * clients can walk the chain of {@code N.root.json} (TUF 5.3). For a delegated role, targets lists the change.
 * The role is then re-signed with its new keys. A revoked key's file is renamed and never used again.
 */
final class RotateKeyCommand implements Command {
    @Override
    public String name() {
        return "rotate-key";
    }

    @Override
    public String summary() {
        return "Add and/or revoke a key of a role (root: chained root rotation).";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS, Option.required("role", "ROLE", "root, targets, snapshot, timestamp or a delegated role"),
                Option.optional("new-key", "FILE", "a private key file to add (copied to KEYS/ROLE/)"),
                Option.optional("type", "ed25519|ecdsa-p256", "generate the new key of this type instead"),
                Option.optional("revoke", "KEYID", "a key id (or unique prefix) of the role to revoke"),
                Option.optional("threshold", "N", "the role's new threshold (default unchanged)"));
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        if (args.has("new-key") && args.has("type")) {
            throw new UsageException("--new-key and --type exclude each other");
        }
        if (!args.has("new-key") && !args.has("type") && !args.has("revoke") && !args.has("threshold")) {
            throw new UsageException("'rotate-key' needs --new-key, --type, --revoke or --threshold");
        }
        Repository repo = Repository.load(args.path("repo"));
        KeyDirectory keys = new KeyDirectory(args.path("keys"));
        String role = ResignCommand.requireRole(repo, "role", args.value("role"));
        boolean topLevel = Metadata.TOP_LEVEL.contains(role);
        ObjectNode delegator = topLevel ? repo.root() : repo.targets().withObjectProperty("delegations");
        ObjectNode entry = topLevel ? (ObjectNode) repo.root().path("roles").get(role) : repo.delegation(role).orElseThrow();
        List<String> ids = Metadata.strings(entry.path("keyids"));

        String revoked = null;
        if (args.has("revoke")) {
            revoked = resolve(ids, args.value("revoke"));
            ids.remove(revoked);
        }
        TufSigner added = null;
        if (args.has("new-key")) {
            added = PackageCommand.loadKey(Args.existingFile("new-key", args.value("new-key")));
        } else if (args.has("type")) {
            added = TufSigner.generate(Args.keyType(args, "type"), context.random());
        }
        if (added != null) {
            if (ids.contains(added.keyId()) || added.keyId().equals(revoked)) {
                throw new UsageException("--new-key " + added.keyId() + " is a key of role " + role + " already");
            }
            ids.add(added.keyId());
            delegator.withObjectProperty("keys").set(added.keyId(), added.publicKey().toJson());
        }
        int threshold = Args.integer(args, "threshold", 1, 32, entry.path("threshold").asInt(1));
        if (threshold > ids.size()) {
            throw new UsageException("role " + role + " would have " + ids.size() + " key(s), fewer than its threshold "
                    + threshold + "; add a key or lower --threshold");
        }
        ObjectNode fresh = Metadata.roleEntry(ids, threshold);
        entry.set("keyids", fresh.get("keyids"));
        entry.put("threshold", threshold);
        pruneKeys(delegator);

        Publication publication = new Publication(repo, keys, context.now());
        publication.touch(topLevel ? Metadata.ROOT : Metadata.TARGETS).touch(role);
        if (added != null) {
            publication.signWith(role, added);
        }
        publication.sign();
        if (added != null) {
            keys.store(role, added);
        }
        List<String> written = publication.write();
        if (revoked != null) {
            keys.retire(role, revoked, context.now());
        }
        context.out().println("role " + role + ": " + (added == null ? "" : "added key " + added.keyId() + "; ")
                + (revoked == null ? "" : "revoked key " + revoked + "; ") + "threshold " + threshold + "; wrote "
                + String.join(", ", written));
        return Main.OK;
    }

    private static String resolve(List<String> ids, String prefix) throws UsageException {
        List<String> matches = new ArrayList<>();
        for (String id : ids) {
            if (id.startsWith(prefix)) {
                matches.add(id);
            }
        }
        if (matches.size() != 1) {
            throw new UsageException("--revoke '" + prefix + "' " + (matches.isEmpty() ? "matches none" : "matches several")
                    + " of the role's keys " + ids);
        }
        return matches.get(0);
    }

    /** Drops key objects that no role refers to any more. */
    private static void pruneKeys(ObjectNode delegator) {
        Set<String> used = new HashSet<>();
        // Root's roles are an object, delegations' an array: iterating either yields the role entries.
        for (JsonNode r : delegator.path("roles")) {
            used.addAll(Metadata.strings(r.path("keyids")));
        }
        ObjectNode keyObjects = delegator.withObjectProperty("keys");
        List<String> unused = new ArrayList<>();
        keyObjects.fieldNames().forEachRemaining(id -> {
            if (!used.contains(id)) {
                unused.add(id);
            }
        });
        unused.forEach(keyObjects::remove);
    }
}
