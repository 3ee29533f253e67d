package io.updraft.publisher.internal;

import java.io.IOException;
import java.util.List;

/**
 * {@code resign}: a new version of a role with a fresh expiry, and the roles that list it after it (targets and
 * delegated roles cascade to snapshot and timestamp, snapshot to timestamp). Run {@code resign} of the timestamp
 * from cron more often than its period, or devices refuse the repository as frozen.
 */
final class ResignCommand implements Command {
    @Override
    public String name() {
        return "resign";
    }

    @Override
    public String summary() {
        return "Re-sign a role with a new version and expiry (default: timestamp).";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS,
                Option.optional("role", "ROLE", "root, targets, snapshot, timestamp (default) or a delegated role"));
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        Repository repo = Repository.load(args.path("repo"));
        String role = requireRole(repo, "role", args.optional("role").orElse(Metadata.TIMESTAMP));
        List<String> written = new Publication(repo, new KeyDirectory(args.path("keys")), context.now()).touch(role)
                .commit();
        context.out().println("re-signed " + role + "; wrote " + String.join(", ", written));
        return Main.OK;
    }

    /** A top-level role or one delegated in this repository. */
    static String requireRole(Repository repo, String option, String role) throws UsageException {
        if (Metadata.TOP_LEVEL.contains(role) || repo.isDelegated(role)) {
            return role;
        }
        throw new UsageException("--" + option + " '" + role + "' is not a role of " + repo.dir() + "; roles: root, "
                + "snapshot, timestamp, " + repo.targetsRoles());
    }
}
