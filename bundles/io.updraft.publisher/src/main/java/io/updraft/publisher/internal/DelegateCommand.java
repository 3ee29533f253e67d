package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.TufKey;
import io.updraft.tuf.TufSigner;

/**
 * {@code delegate}: lets a role of its own sign the targets under some paths, e.g. one role per product with
 * {@code robot/*}. Creates the delegation in targets (or replaces its keys, paths and threshold) and the delegated
 * role's metadata, signed by its keys in {@code <keys>/<role>/}.
 */
final class DelegateCommand implements Command {
    @Override
    public String name() {
        return "delegate";
    }

    @Override
    public String summary() {
        return "Delegate target paths from targets to a role with keys of its own.";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS,
                Option.required("role", "NAME", "the delegated role (a-z, 0-9, '-')"),
                Option.many("paths", "GLOB", true, "path patterns it may sign, e.g. 'robot/*' ('*' stops at '/')"),
                Option.many("key", "FILE", true, "its keys: private key files (copied to KEYS/NAME/) or public .pub files"),
                Option.optional("threshold", "N", "signatures it needs (default 1)"),
                Option.flag("terminating", "clients search no further roles for paths this role covers"));
    }

    @Override
    public String details() {
        return "The role's metadata is signed at once, so KEYS/NAME/ must then hold at least N of its private keys.";
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        String role = Args.role("role", args.value("role"), List.of());
        if (Metadata.TOP_LEVEL.contains(role)) {
            throw new UsageException("--role '" + role + "' is a top-level role; choose another name");
        }
        List<String> paths = new ArrayList<>();
        for (String p : args.all("paths")) {
            if (p.startsWith("/") || p.contains("\\")) {
                throw new UsageException("--paths '" + p + "' must be relative with '/' separators, e.g. robot/*");
            }
            paths.add(p);
        }
        int threshold = Args.integer(args, "threshold", 1, 32, 1);
        Repository repo = Repository.load(args.path("repo"));
        KeyDirectory keys = new KeyDirectory(args.path("keys"));
        Map<String, TufKey> roleKeys = new LinkedHashMap<>();
        List<TufSigner> privateKeys = new ArrayList<>();
        for (String file : args.all("key")) {
            Path p = Args.existingFile("key", file);
            String text = Files.readString(p, StandardCharsets.UTF_8).strip();
            if (text.startsWith("{")) {
                try {
                    TufKey key = TufKey.fromJson(CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8)));
                    roleKeys.put(key.keyId(), key);
                } catch (IOException | IllegalArgumentException e) {
                    throw new UsageException("--key " + p + " is not a TUF public key: " + e.getMessage(), e);
                }
            } else {
                TufSigner signer = PackageCommand.loadKey(p);
                privateKeys.add(signer);
                roleKeys.put(signer.keyId(), signer.publicKey());
            }
        }
        if (threshold > roleKeys.size()) {
            throw new UsageException("--threshold " + threshold + " is more than the " + roleKeys.size() + " distinct keys given");
        }

        ObjectNode delegations = repo.targets().withObjectProperty("delegations");
        ObjectNode keyObjects = delegations.withObjectProperty("keys");
        ArrayNode roles = delegations.withArrayProperty("roles");
        ObjectNode entry = repo.delegation(role).orElse(null);
        if (entry == null) {
            entry = roles.addObject();
        }
        entry.removeAll();
        entry.put("name", role);
        ObjectNode ids = Metadata.roleEntry(roleKeys.keySet(), threshold);
        entry.set("keyids", ids.get("keyids"));
        entry.put("threshold", threshold);
        entry.put("terminating", args.has("terminating"));
        ArrayNode pathArray = entry.putArray("paths");
        paths.forEach(pathArray::add);
        roleKeys.forEach((id, key) -> keyObjects.set(id, key.toJson()));
        pruneKeys(delegations);

        boolean created = !repo.isDelegated(role);
        if (created) {
            ObjectNode metadata = Metadata.header(Metadata.TARGETS, 0, context.now());
            metadata.putObject("targets");
            repo.delegated().put(role, metadata);
        }
        Publication publication = new Publication(repo, keys, context.now()).touch(Metadata.TARGETS).touch(role);
        privateKeys.forEach(signer -> publication.signWith(role, signer));
        publication.sign();
        for (TufSigner signer : privateKeys) {
            keys.store(role, signer);
        }
        List<String> written = publication.write();
        context.out().println((created ? "delegated " : "updated delegation ") + paths + " to role " + role
                + " (threshold " + threshold + " of " + roleKeys.keySet() + "); wrote " + String.join(", ", written));
        return Main.OK;
    }

    /** Drops key objects no delegation refers to any more. */
    private static void pruneKeys(ObjectNode delegations) {
        Set<String> used = new HashSet<>();
        for (JsonNode r : delegations.path("roles")) {
            used.addAll(Metadata.strings(r.path("keyids")));
        }
        List<String> unused = new ArrayList<>();
        delegations.path("keys").fieldNames().forEachRemaining(id -> {
            if (!used.contains(id)) {
                unused.add(id);
            }
        });
        unused.forEach(((ObjectNode) delegations.get("keys"))::remove);
    }
}
