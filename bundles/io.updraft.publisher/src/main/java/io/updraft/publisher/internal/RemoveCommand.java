package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code remove}: revokes a release. The role that lists the target drops it and the metadata is re-signed; the
 * target file is deleted only after the new timestamp is written, so no published metadata points to a missing
 * file.
 */
final class RemoveCommand implements Command {
    @Override
    public String name() {
        return "remove";
    }

    @Override
    public String summary() {
        return "Revoke a release: drop a target from its role and re-sign.";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS,
                Option.required("target", "PATH", "the target path, e.g. app/app-1.2.0.updraft"));
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        Repository repo = Repository.load(args.path("repo"));
        KeyDirectory keys = new KeyDirectory(args.path("keys"));
        String path = args.value("target");
        String role = null;
        for (String r : repo.targetsRoles()) {
            if (repo.targetsRole(r).path("targets").has(path)) {
                role = r;
                break;
            }
        }
        if (role == null) {
            throw new PublishException("--target " + path + " is not listed by any role of " + repo.dir());
        }
        JsonNode entry = repo.targetsRole(role).withObjectProperty("targets").remove(path);
        Digests digests = new Digests(entry.path("length").asLong(), entry.path("hashes").path("sha256").asText(),
                entry.path("hashes").path("sha512").asText());
        List<String> written = new Publication(repo, keys, context.now()).touch(role).commit();
        List<Path> files = new ArrayList<>();
        for (String name : TargetFiles.names(path, digests, repo.consistentSnapshot())) {
            files.add(repo.targetsDir().resolve(name));
        }
        TargetFiles.delete(files);
        context.out().println("removed " + path + " from role " + role + "; wrote " + String.join(", ", written));
        return Main.OK;
    }
}
