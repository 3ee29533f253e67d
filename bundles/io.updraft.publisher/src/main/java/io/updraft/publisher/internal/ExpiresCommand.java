package io.updraft.publisher.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** {@code expires}: sets how long a role's signatures last from now on, and re-signs the role with it. */
final class ExpiresCommand implements Command {
    @Override
    public String name() {
        return "expires";
    }

    @Override
    public String summary() {
        return "Set a role's validity period and re-sign it.";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Args.KEYS, Option.required("role", "ROLE", "root, targets, snapshot, timestamp or a delegated role"),
                Option.required("in", "DURATION", "validity from now, e.g. 30d, 12h, P7D; kept for later re-signs"));
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        Duration period = Args.duration("in", args.value("in"));
        Repository repo = Repository.load(args.path("repo"));
        String role = ResignCommand.requireRole(repo, "role", args.value("role"));
        repo.settings(repo.settings().with(role, period));
        List<String> written = new Publication(repo, new KeyDirectory(args.path("keys")), context.now()).touch(role)
                .settingsChanged().commit();
        context.out().println(role + " now expires " + Times.format(context.now().plus(period)) + "; wrote "
                + String.join(", ", written));
        return Main.OK;
    }
}
