package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.verifier.ReleaseDescriptor;
import io.updraft.verifier.VerificationException;

/**
 * {@code add}: lists packages in the repository. Each package must be signed by the threshold of the repository's
 * targets keys, and must be newer than the releases of the same component already listed.
 */
final class AddCommand implements Command {
    @Override
    public String name() {
        return "add";
    }

    @Override
    public String summary() {
        return "Add signed packages to the repository and re-sign snapshot and timestamp.";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS,
                Option.optional("role", "ROLE", "targets (default) or a delegated role whose paths cover the package"),
                Option.flag("allow-downgrade", "allow a version not newer than one listed, or replacing a listed path"));
    }

    @Override
    public String positional() {
        return "PACKAGE...";
    }

    @Override
    public String details() {
        return "Target path: COMPONENT/COMPONENT-VERSION.updraft (a delta: COMPONENT/COMPONENT-VERSION.delta-BASE.updraft).\n"
                + "A release is compared with those of the same component, kind, delta base and products.";
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        if (args.positional().isEmpty()) {
            throw new UsageException("'add' needs at least one PACKAGE file");
        }
        List<Path> packages = new ArrayList<>();
        for (String p : args.positional()) {
            packages.add(Args.existingFile("PACKAGE", p));
        }
        Repository repo = Repository.load(args.path("repo"));
        KeyDirectory keys = new KeyDirectory(args.path("keys"));
        String role = args.optional("role").orElse(Metadata.TARGETS);
        ObjectNode listing = repo.targetsRole(role).withObjectProperty("targets");
        RoleKeys targetsKeys = repo.keysOf(Metadata.TARGETS);
        boolean allowDowngrade = args.has("allow-downgrade");

        List<Staged> staged = new ArrayList<>();
        for (Path file : packages) {
            PackageReader.Contents contents = PackageReader.read(file);
            int valid = contents.signed().validSignatures(targetsKeys.keys(), targetsKeys.keyIds());
            if (valid < targetsKeys.threshold()) {
                throw new PublishException("package " + file + " has " + valid + " valid signatures by the repository's "
                        + "targets keys " + targetsKeys.keyIds() + ", " + targetsKeys.threshold() + " are required");
            }
            ReleaseDescriptor release = contents.manifest().release();
            String path = targetPath(release);
            requireCovered(repo, role, path);
            requirePathFree(repo, role, path, allowDowngrade);
            if (!allowDowngrade) {
                requireNewer(repo, release, path);
                for (Staged s : staged) {
                    if (s.path().equals(path)) {
                        throw new PublishException("package " + file + " is " + path + " again");
                    }
                }
            }
            Digests digests = Digests.of(file);
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            entry.put("length", digests.length());
            entry.set("hashes", digests.hashes());
            entry.set("custom", release.writeTo(JsonNodeFactory.instance.objectNode()));
            staged.add(new Staged(file, path, digests, entry));
        }

        for (Staged s : staged) {
            repo.targetsRole(role).withObjectProperty("targets").remove(s.path());
            listing.set(s.path(), s.entry());
        }
        Publication publication = new Publication(repo, keys, context.now()).touch(role);
        publication.sign();
        List<Path> copied = new ArrayList<>();
        try {
            for (Staged s : staged) {
                copied.addAll(TargetFiles.store(repo.targetsDir(), s.file(),
                        TargetFiles.names(s.path(), s.digests(), repo.consistentSnapshot())));
            }
        } catch (IOException e) {
            TargetFiles.delete(copied);
            throw e;
        }
        List<String> written = publication.write();
        for (Staged s : staged) {
            context.out().println("added " + s.path() + " (" + s.digests().length() + " bytes) to role " + role);
        }
        context.out().println("wrote " + String.join(", ", written));
        return Main.OK;
    }

    private record Staged(Path file, String path, Digests digests, ObjectNode entry) {
    }

    static String targetPath(ReleaseDescriptor r) {
        return r.targetPath();
    }

    private static void requireCovered(Repository repo, String role, String path) throws PublishException {
        if (Metadata.TARGETS.equals(role)) {
            return;
        }
        List<String> patterns = Metadata.strings(repo.delegation(role).orElseThrow().path("paths"));
        if (patterns.stream().noneMatch(p -> Metadata.matches(p, path))) {
            throw new PublishException("target " + path + " is outside role " + role + "'s paths " + patterns);
        }
    }

    /** A listed path is replaced only on request, and only in the role that lists it. */
    private static void requirePathFree(Repository repo, String role, String path, boolean replace)
            throws PublishException {
        for (String other : repo.targetsRoles()) {
            if (repo.targetsRole(other).path("targets").has(path) && (!replace || !other.equals(role))) {
                throw new PublishException("target " + path + " is listed already by role " + other
                        + (other.equals(role) ? "; use --allow-downgrade to replace it" : "; remove it there first"));
            }
        }
    }

    /** Refuses a release that is not newer than a listed one of the same component, kind, base and products. */
    private static void requireNewer(Repository repo, ReleaseDescriptor release, String path) throws PublishException {
        for (String role : repo.targetsRoles()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) repo.targetsRole(role)
                    .path("targets")::fields) {
                ReleaseDescriptor listed;
                try {
                    listed = ReleaseDescriptor.fromJson(e.getValue().path("custom"), e.getKey());
                } catch (VerificationException notARelease) {
                    continue;
                }
                if (listed.component().equals(release.component()) && listed.kind() == release.kind()
                        && java.util.Objects.equals(listed.deltaBase(), release.deltaBase())
                        && listed.products().equals(release.products())
                        && !release.version().isNewerThan(listed.version())) {
                    throw new PublishException("release " + release.component() + " " + release.version()
                            + " is not newer than " + listed.version() + " listed as " + e.getKey() + " (role " + role
                            + "); use --allow-downgrade to add it anyway");
                }
            }
        }
    }
}
