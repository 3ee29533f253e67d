package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.TufKey;
import io.updraft.tuf.TufSigner;

/**
 * {@code init}: a new repository with its keys: signed root (version 1), empty targets, snapshot and timestamp.
 * Keys already in {@code <keys>/<role>/} are used first, so an offline root key made with {@code keygen} can be
 * put there beforehand; the rest are generated.
 */
final class InitCommand implements Command {
    @Override
    public String name() {
        return "init";
    }

    @Override
    public String summary() {
        return "Create a repository and the keys of its roles.";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS,
                Option.optional("key-type", "ed25519|ecdsa-p256", "type of generated keys (default ed25519)"),
                Option.optional("consistent-snapshot", "true|false", "hash-prefixed target and versioned metadata names (default true)"),
                Option.many("threshold", "ROLE=N", false, "signatures a role needs (default 1); ROLE=N keys are made"),
                Option.many("expires", "ROLE=DURATION", false, "validity per role, e.g. timestamp=12h (defaults: root 365d, targets 90d, snapshot 7d, timestamp 1d)"));
    }

    @Override
    public String details() {
        return "Roles: root, targets, snapshot, timestamp. Keys go to KEYS/ROLE/KEYID.key (directories 0700, files 0600).\n"
                + "Durations: 365d, 12h, 30m, 90s, 2w, or ISO-8601 such as P7D.";
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        Path repoDir = args.path("repo");
        KeyDirectory keys = new KeyDirectory(args.path("keys"));
        KeyType type = Args.keyType(args, "key-type");
        boolean consistent = Args.bool(args, "consistent-snapshot", true);
        Map<String, Integer> thresholds = new HashMap<>();
        for (Map.Entry<String, String> e : Args.pairs(args, "threshold").entrySet()) {
            Args.role("threshold", e.getKey(), Metadata.TOP_LEVEL);
            thresholds.put(e.getKey(), Args.integer("threshold", e.getValue(), 1, 32));
        }
        Settings settings = Settings.defaults();
        for (Map.Entry<String, String> e : Args.pairs(args, "expires").entrySet()) {
            Args.role("expires", e.getKey(), Metadata.TOP_LEVEL);
            settings = settings.with(e.getKey(), Args.duration("expires", e.getValue()));
        }
        if (Files.exists(repoDir.resolve(Repository.METADATA).resolve("root.json"))) {
            throw new PublishException("--repo: " + repoDir + " holds a repository already");
        }

        Instant now = context.now();
        ObjectNode root = Metadata.header(Metadata.ROOT, 0, now);
        root.put("consistent_snapshot", consistent);
        Map<String, TufKey> allKeys = new TreeMap<>();
        ObjectNode roles = root.putObject("roles");
        List<String> made = new ArrayList<>();
        for (String role : Metadata.TOP_LEVEL) {
            int threshold = thresholds.getOrDefault(role, 1);
            TreeMap<String, TufSigner> existing = keys.load(role);
            List<String> ids = new ArrayList<>(existing.keySet());
            while (ids.size() < threshold) {
                TufSigner signer = TufSigner.generate(type, context.random());
                keys.store(role, signer);
                existing.put(signer.keyId(), signer);
                ids.add(signer.keyId());
                made.add(role + " " + signer.keyId());
            }
            ids.forEach(id -> allKeys.put(id, existing.get(id).publicKey()));
            roles.set(role, Metadata.roleEntry(ids, threshold));
        }
        Metadata.putKeys(root.putObject("keys"), allKeys);
        // "keys" before "roles" reads better; canonical JSON sorts for signing either way.
        root.set("roles", root.remove("roles"));
        ObjectNode targets = Metadata.header(Metadata.TARGETS, 0, now);
        targets.putObject("targets");

        Repository repo = Repository.create(repoDir, root, targets, Metadata.header(Metadata.SNAPSHOT, 0, now),
                Metadata.header(Metadata.TIMESTAMP, 0, now), settings);
        DurableFiles.createDirectories(repo.targetsDir());
        Publication publication = new Publication(repo, keys, now).settingsChanged();
        Metadata.TOP_LEVEL.forEach(publication::touch);
        List<String> written = publication.commit();
        for (String m : made) {
            context.out().println("generated " + m);
        }
        context.out().println("repository " + repoDir + " created: " + String.join(", ", written));
        for (String role : Metadata.TOP_LEVEL) {
            Duration d = settings.period(role);
            context.out().println("  " + role + " expires " + Times.format(now.plus(d)));
        }
        return Main.OK;
    }
}
