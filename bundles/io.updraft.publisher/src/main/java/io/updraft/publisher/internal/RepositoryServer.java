package io.updraft.publisher.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.PathResource;

/**
 * Serves a repository's {@code metadata/} and {@code targets/} as static files, with ETag, If-None-Match and
 * Range, the way a plain web server or CDN would. No directory listings, no symbolic links out of the tree, no
 * dot files (temporary files of a write in progress).
 */
final class RepositoryServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    RepositoryServer(Path repo, String host, int port) {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/" + Repository.METADATA, repo.resolve(Repository.METADATA)));
        contexts.addHandler(context("/" + Repository.TARGETS_DIR, repo.resolve(Repository.TARGETS_DIR)));
        server.setHandler(new HandlerList(new HiddenFiles(), contexts));
        server.setStopAtShutdown(true);
    }

    private static ContextHandler context(String path, Path dir) {
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(new PathResource(dir));
        files.setDirectoriesListed(false);
        files.setEtags(true);
        files.setAcceptRanges(true);
        files.setWelcomeFiles(new String[0]);
        files.setCacheControl("no-cache");
        ContextHandler context = new ContextHandler(path);
        context.setHandler(files);
        context.setAllowNullPathInfo(false);
        return context;
    }

    void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("HTTP server could not start: " + e.getMessage(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    URI uri() {
        String host = connector.getHost();
        InetSocketAddress address = new InetSocketAddress(host, port());
        String literal = address.getAddress() instanceof java.net.Inet6Address ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port() + "/");
    }

    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IOException("HTTP server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** 404 for directories and any path with a segment starting with '.', before the file handlers see them. */
    private static final class HiddenFiles extends AbstractHandler {
        @Override
        public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (target.contains("/.") || target.endsWith("/")) {
                base.setHandled(true);
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }
}
