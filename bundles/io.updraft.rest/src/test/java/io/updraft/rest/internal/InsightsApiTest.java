package io.updraft.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.server.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.analysis.AnalysisService;
import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.MetricStatistics;
import io.updraft.analysis.Severity;
import io.updraft.analysis.WindowStatistics;
import io.updraft.product.DeviceIdentity;
import io.updraft.state.internal.DeviceStateComponent;

/** {@code GET telemetry/insights} in a real Jetty on 127.0.0.1 against a fake analysis. */
public class InsightsApiTest {
    private static final Instant T = Instant.parse("2024-03-07T10:20:00Z");
    private static final String THERMAL = "updraft.health.thermal.zones.celsius@thermal_zone0";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private ApiServlet servlet;
    private Server server;
    private String base;
    private String token;

    private static final class FakeAnalysis implements AnalysisService {
        @Override
        public List<Insight> insights() {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("spearman", 0.71);
            evidence.put("hours", 168L);
            evidence.put("aligned", "hourly maximum of the metric vs failures per hour");
            return List.of(new Insight("correlation/" + THERMAL + "/updraft.crash.count", InsightKind.CORRELATION,
                    Severity.WARNING, "updraft.crash.count rises with higher " + THERMAL, "Check cooling.",
                    List.of(THERMAL, "updraft.crash.count"), evidence, T, T.plusSeconds(300)));
        }

        @Override
        public Optional<MetricStatistics> statistics(String metric) {
            return metric.equals(THERMAL) ? Optional.of(new MetricStatistics(THERMAL, 61.5, T, List.of(
                    new WindowStatistics(Duration.ofHours(1), 12, 60.1, 58, 61.5, 60, 61.2, 61.5),
                    new WindowStatistics(Duration.ofDays(7), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN)))) : Optional.empty();
        }

        @Override
        public List<String> metrics() {
            return List.of(THERMAL);
        }
    }

    @Before
    public void start() throws Exception {
        Path tokenFile = tmp.getRoot().toPath().resolve("updraft-api.token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile, new SecureRandom(), System.getProperty("user.name"));
        token = Files.readString(tokenFile).strip();
        DeviceIdentity id = new DeviceIdentity("d00dfeed", "machine-id", "robot", "configured", "rev-c");
        servlet = new ApiServlet(apiToken, new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.newFolder("home").toString())).to(DeviceStateComponent.Config.class)), () -> id);
        server = ApiTestServer.start(servlet);
        base = ApiTestServer.base(server) + "/telemetry/insights";
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String query, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + query)).header("Authorization", "Bearer " + bearer)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void listsInsightsWithTheirEvidence() throws Exception {
        servlet.analysis = new FakeAnalysis();
        HttpResponse<String> r = get("", token);
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        JsonNode i = body.path("insights").get(0);
        assertEquals("CORRELATION", i.path("kind").asText());
        assertEquals("WARNING", i.path("severity").asText());
        assertEquals(THERMAL, i.path("metrics").get(0).asText());
        assertEquals(0.71, i.path("evidence").path("spearman").asDouble(), 0);
        assertEquals(168, i.path("evidence").path("hours").asLong());
        assertTrue(i.path("evidence").path("hours").isIntegralNumber());
        assertEquals("2024-03-07T10:20:00Z", i.path("firstSeen").asText());
        assertEquals("2024-03-07T10:25:00Z", i.path("lastSeen").asText());
        assertEquals(THERMAL, body.path("metrics").get(0).asText());
    }

    @Test
    public void showsAMetricsStatisticsWithNullForEmptyWindows() throws Exception {
        servlet.analysis = new FakeAnalysis();
        HttpResponse<String> r = get("?metric=" + java.net.URLEncoder.encode(THERMAL, "UTF-8"), token);
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals(THERMAL, body.path("metric").asText());
        JsonNode hour = body.path("windows").get(0);
        assertEquals("PT1H", hour.path("window").asText());
        assertEquals(12, hour.path("count").asLong());
        assertEquals(61.2, hour.path("p90").asDouble(), 0);
        assertTrue(body.path("windows").get(1).path("mean").isNull());
    }

    @Test
    public void unknownMetricIsNotFound() throws Exception {
        servlet.analysis = new FakeAnalysis();
        HttpResponse<String> r = get("?metric=no.such", token);
        assertEquals(404, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals("not_found", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("no.such"));
    }

    @Test
    public void answers503WithoutTheAnalysisAnd401WithoutTheToken() throws Exception {
        HttpResponse<String> r = get("", token);
        assertEquals(503, r.statusCode());
        assertEquals("unavailable", mapper.readTree(r.body()).path("error").asText());
        servlet.analysis = new FakeAnalysis();
        assertEquals(401, get("", "wrong").statusCode());
    }
}
