package io.updraft.rest.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.updraft.analysis.AnalysisService;
import io.updraft.install.InstallService;
import io.updraft.product.DeviceInfo;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.telemetry.ConsentService;
import io.updraft.update.DeviceStateService;
import io.updraft.update.UpdateChecker;

/**
 * The REST API under {@code /updraft/api/v1}. Every request needs {@code Authorization: Bearer TOKEN} with the
 * token from the configured file; answers and errors are JSON.
 */
@Component(name = "io.updraft.rest", service = Servlet.class, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfig.class)
@HttpWhiteboardServletPattern(ApiServlet.BASE + "/*")
public final class ApiServlet extends HttpServlet {
    static final String BASE = "/updraft/api/v1";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String BEARER = "Bearer ";

    private final transient ApiToken token;
    private final transient ObjectMapper mapper = new ObjectMapper();
    // path below BASE -> HTTP method -> endpoint
    private final transient Map<String, Map<String, Endpoint>> routes = new TreeMap<>();
    // Telemetry is an optional feature: its endpoints answer 503 while it is absent.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    transient volatile ConsentService consent;
    // The checker is an optional feature too: POST check answers 503 while it is absent.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    transient volatile UpdateChecker checker;
    // Without the scheduler, status keeps working and the scheduling endpoints answer 503.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    transient volatile UpdateScheduler scheduler;
    // The analysis is optional too: GET telemetry/insights answers 503 while it is absent.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    transient volatile AnalysisService analysis;
    // Without the installer, commit/rollback/history and file installs answer 503; status and progress leave out
    // what only it knows.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    transient volatile InstallService installer;
    private final transient OfflineInstalls offline;

    @Activate
    public ApiServlet(RestConfig config, @Reference DeviceStateService state, @Reference DeviceInfo device)
            throws IOException {
        // The account this JVM runs as: the token file must belong to it.
        this(ApiToken.loadOrCreate(tokenPath(config), new SecureRandom(), System.getProperty("user.name")), state, device);
    }

    ApiServlet(ApiToken token, DeviceStateService state, DeviceInfo device) {
        this.token = token;
        this.offline = new OfflineInstalls(Clock.systemUTC());
        routes.put("/status", Map.of("GET", new StatusEndpoint(state, device, () -> scheduler, () -> installer)));
        routes.put("/check", Map.of("POST", new CheckEndpoint(() -> checker, state)));
        routes.putAll(new SchedulerEndpoints(() -> scheduler, () -> installer, offline, mapper).routes());
        routes.putAll(new InstallEndpoints(() -> installer, mapper).routes());
        routes.put("/telemetry/consent", new TelemetryConsentEndpoint(() -> consent, mapper).routes());
        routes.put("/telemetry/insights", new InsightsEndpoint(() -> analysis).routes());
        LOG.info("REST API serving {}", BASE);
    }

    @Deactivate
    void deactivate() {
        offline.close();
    }

    private static Path tokenPath(RestConfig config) {
        String file = config.tokenFile();
        if (file == null || file.isBlank() || !Path.of(file).isAbsolute()) {
            throw new IllegalArgumentException("io.updraft.rest tokenFile '" + file + "' must be an absolute path");
        }
        return Path.of(file);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            authenticate(request);
            Endpoint endpoint = route(request);
            JsonNode body = endpoint.handle(request);
            write(response, request.getAttribute(Endpoint.STATUS) instanceof Integer status ? status
                    : HttpServletResponse.SC_OK, body);
        } catch (ApiError e) {
            if (e.status() == HttpServletResponse.SC_UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"updraft\"");
            }
            writeError(response, e);
        } catch (RuntimeException e) {
            LOG.error("REST {} {} failed", request.getMethod(), request.getRequestURI(), e);
            writeError(response, new ApiError(500, "internal_error", "the request failed inside the device; see the device log"));
        }
    }

    private void authenticate(HttpServletRequest request) throws ApiError {
        String header = request.getHeader("Authorization");
        if (header == null) {
            throw new ApiError(401, "unauthorized", "missing Authorization header; send 'Authorization: Bearer TOKEN'");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !token.matches(header.substring(BEARER.length()).strip())) {
            throw new ApiError(401, "unauthorized", "bearer token is wrong");
        }
    }

    private Endpoint route(HttpServletRequest request) throws ApiError {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Map<String, Endpoint> byMethod = routes.get(path);
        if (byMethod == null) {
            throw new ApiError(404, "not_found", "no API resource at " + BASE + path);
        }
        Endpoint endpoint = byMethod.get(request.getMethod());
        if (endpoint == null) {
            throw new ApiError(405, "method_not_allowed", request.getMethod() + " is not allowed on " + BASE + path
                    + "; allowed: " + String.join(", ", new TreeMap<>(byMethod).keySet()));
        }
        return endpoint;
    }

    private void writeError(HttpServletResponse response, ApiError e) throws IOException {
        write(response, e.status(), JsonNodeFactory.instance.objectNode().put("error", e.code()).put("message", e.getMessage()));
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), body);
    }
}
