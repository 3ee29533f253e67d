package io.updraft.publisher.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.tuf.SignedMetadata;

/**
 * {@code status}: every role with its version, expiry, threshold and how many valid signatures its file carries,
 * then the targets each role lists. Read-only; needs no keys.
 */
final class StatusCommand implements Command {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "Show roles, versions, expiries, signatures and targets of a repository.";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO);
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        Repository repo = Repository.load(args.path("repo"));
        PrintStream out = context.out();
        Instant now = context.now();
        out.println("repository " + repo.dir() + " (consistent snapshots: " + repo.consistentSnapshot() + ")");
        out.printf("%-14s %8s  %-21s %-10s %s%n", "ROLE", "VERSION", "EXPIRES", "SIGNATURES", "KEYS");
        int problems = 0;
        for (String role : roles(repo)) {
            Path file = repo.metadataDir().resolve(role + ".json");
            SignedMetadata signed = SignedMetadata.parse(Files.readAllBytes(file));
            RoleKeys keys = repo.keysOf(role);
            int valid = signed.validSignatures(keys.keys(), keys.keyIds());
            Instant expires = Instant.parse(signed.signed().path("expires").asText());
            boolean expired = !expires.isAfter(now);
            boolean short_ = valid < keys.threshold();
            problems += (expired ? 1 : 0) + (short_ ? 1 : 0);
            out.printf("%-14s %8d  %-21s %-10s %s%n", role, Metadata.version(signed.signed()),
                    Times.format(expires) + (expired ? " EXPIRED" : ""),
                    valid + "/" + keys.threshold() + (short_ ? " LOW" : ""),
                    keys.keyIds().stream().map(id -> id.substring(0, Math.min(12, id.length()))).toList());
        }
        out.println();
        out.printf("%-10s %-48s %12s  %s%n", "ROLE", "TARGET", "LENGTH", "RELEASE");
        for (String role : repo.targetsRoles()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) repo.targetsRole(role)
                    .path("targets")::fields) {
                JsonNode custom = e.getValue().path("custom");
                out.printf("%-10s %-48s %12d  %s %s%n", role, e.getKey(), e.getValue().path("length").asLong(),
                        custom.path("component").asText("-"), custom.path("version").asText(""));
            }
        }
        if (problems > 0) {
            out.println();
            out.println(problems + " problem(s): expired roles need 'resign', roles LOW on signatures need their keys");
            return Main.FAILED;
        }
        return Main.OK;
    }

    private static List<String> roles(Repository repo) {
        List<String> roles = new java.util.ArrayList<>(Metadata.TOP_LEVEL);
        roles.addAll(repo.delegated().keySet());
        return roles;
    }
}
