package io.updraft.benchmarks.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.Hex;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufSigner;
import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.internal.VerifierComponent;

/**
 * Time of a full metadata refresh (fetch from memory, parse, verify signatures, hashes and versions, store
 * durably) of a repository with N targets, first on a device that has only the root (cold) and then with
 * everything already trusted (warm: only timestamp changes hands). Usage: RefreshLargeRepository N RUNS
 */
public final class RefreshLargeRepository {
    private RefreshLargeRepository() {
    }

    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, byte[]> files = build(targets);
        System.out.printf("repository: %d targets, targets.json %d bytes%n", targets, files.get("targets.json").length);
        MetadataTransport transport = new MetadataTransport() {
            @Override
            public Optional<byte[]> fetchMetadata(String name, long max) {
                return Optional.ofNullable(files.get(name));
            }

            @Override
            public InputStream openTarget(String path, long max) throws IOException {
                throw new IOException("not used");
            }
        };
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            Path home = Files.createTempDirectory("updraft-bench");
            Path root = home.resolve("root.json");
            Files.write(root, files.get("1.root.json"));
            VerifierComponent verifier = new VerifierComponent(Converters.standardConverter()
                    .convert(Map.of("home", home.toString())).to(VerifierComponent.Config.class));
            long t0 = System.nanoTime();
            TrustedRepository trusted = verifier.refresh("bench", root, transport);
            long t1 = System.nanoTime();
            verifier.refresh("bench", root, transport);
            long t2 = System.nanoTime();
            if (trusted.targets().size() != targets) {
                throw new IllegalStateException("expected " + targets + " targets, got " + trusted.targets().size());
            }
            if (i > 0) { // the first run warms the JIT
                cold.add((t1 - t0) / 1e6);
                warm.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf("cold refresh median %.1f ms (runs %s)%n", median(cold), cold);
        System.out.printf("warm refresh median %.1f ms (runs %s)%n", median(warm), warm);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Map<String, byte[]> build(int count) throws Exception {
        SecureRandom random = new SecureRandom();
        Map<String, TufSigner> keys = new HashMap<>();
        for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
            keys.put(role, TufSigner.generate(KeyType.ED25519, random));
        }
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, byte[]> files = new HashMap<>();
        ObjectNode root = signed("root", expires);
        root.put("consistent_snapshot", false);
        ObjectNode keyMap = root.putObject("keys");
        ObjectNode roles = root.putObject("roles");
        keys.forEach((role, key) -> {
            keyMap.set(key.keyId(), key.publicKey().toJson());
            ObjectNode r = roles.putObject(role);
            r.putArray("keyids").add(key.keyId());
            r.put("threshold", 1);
        });
        files.put("1.root.json", SignedMetadata.sign(root, List.of(keys.get("root"))).toJson());
        ObjectNode targets = signed("targets", expires);
        ObjectNode list = targets.putObject("targets");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < count; i++) {
            String component = "component-" + (i % 500);
            String version = (i / 500) + ".0.0";
            ObjectNode entry = list.putObject(component + "/" + component + "-" + version + ".updraft");
            entry.put("length", 1_000_000 + i);
            entry.putObject("hashes").put("sha256", Hex.encode(sha.digest(("t" + i).getBytes())));
            entry.putObject("custom").put("component", component).put("version", version).put("kind", "full")
                    .put("install", "archive").putArray("products").add("robot");
        }
        byte[] targetsBytes = SignedMetadata.sign(targets, List.of(keys.get("targets"))).toJson();
        files.put("targets.json", targetsBytes);
        ObjectNode snapshot = signed("snapshot", expires);
        snapshot.putObject("meta").putObject("targets.json").put("version", 1).put("length", targetsBytes.length)
                .putObject("hashes").put("sha256", Hex.encode(sha.digest(targetsBytes)));
        byte[] snapshotBytes = SignedMetadata.sign(snapshot, List.of(keys.get("snapshot"))).toJson();
        files.put("snapshot.json", snapshotBytes);
        ObjectNode timestamp = signed("timestamp", expires);
        timestamp.putObject("meta").putObject("snapshot.json").put("version", 1).put("length", snapshotBytes.length)
                .putObject("hashes").put("sha256", Hex.encode(sha.digest(snapshotBytes)));
        files.put("timestamp.json", SignedMetadata.sign(timestamp, List.of(keys.get("timestamp"))).toJson());
        return files;
    }

    private static ObjectNode signed(String type, String expires) {
        return JsonNodeFactory.instance.objectNode().put("_type", type).put("spec_version", "1.0.31").put("version", 1)
                .put("expires", expires);
    }
}
