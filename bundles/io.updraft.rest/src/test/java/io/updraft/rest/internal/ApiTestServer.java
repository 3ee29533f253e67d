package io.updraft.rest.internal;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/** A real Jetty on 127.0.0.1 and a free port serving the API servlet, as the HTTP whiteboard mounts it. */
final class ApiTestServer {
    private ApiTestServer() {
    }

    static Server start(ApiServlet servlet) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), ApiServlet.BASE + "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The API's base URL on the started server. */
    static String base(Server server) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + ApiServlet.BASE;
    }
}
