package io.updraft.publisher.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code serve}: the repository over HTTP for demos and tests, on loopback unless {@code --public} says
 * otherwise. Runs until interrupted.
 */
final class ServeCommand implements Command {
    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Serve a repository's metadata/ and targets/ over HTTP (loopback by default).";
    }

    @Override
    public List<Option> options() {
        return List.of(Args.REPO, Option.optional("port", "N", "TCP port (default 8080; 0 picks a free one)"),
                Option.optional("host", "ADDRESS", "address to listen on (default 127.0.0.1)"),
                Option.flag("public", "allow a non-loopback --host"));
    }

    @Override
    public String details() {
        return "Devices fetch BASE/metadata/... and BASE/targets/...; ETag, If-None-Match and Range are supported.";
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        RepositoryServer server = start(args);
        context.out().println("serving " + args.value("repo") + " at " + server.uri() + " (metadata/, targets/); "
                + "Ctrl-C stops");
        context.out().flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return Main.OK;
    }

    /** Checks the arguments and starts the server; the caller closes it. */
    static RepositoryServer start(Arguments args) throws UsageException, PublishException, IOException {
        int port = Args.integer(args, "port", 0, 65535, 8080);
        String host = args.optional("host").orElse("127.0.0.1");
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("--host '" + host + "' is not a known address", e);
        }
        if (!address.isLoopbackAddress() && !args.has("public")) {
            throw new UsageException("--host " + host + " is not a loopback address; add --public to serve the "
                    + "repository to other machines");
        }
        Path repo = args.path("repo");
        if (!Files.isDirectory(repo.resolve(Repository.METADATA))) {
            throw new UsageException("--repo " + repo + " has no " + Repository.METADATA + "/ directory");
        }
        RepositoryServer server = new RepositoryServer(repo, address.getHostAddress(), port);
        try {
            server.start();
        } catch (IOException e) {
            server.close();
            throw new PublishException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return server;
    }
}
