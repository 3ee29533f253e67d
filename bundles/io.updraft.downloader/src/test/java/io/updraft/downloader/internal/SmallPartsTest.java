package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.product.NetworkStatus;

/** Backoff, mirrors, link adaptation, network gate and header parsing, each on its own. */
public class SmallPartsTest {

    @Test
    public void backoffIsExponentialWithFullJitterAndCapped() {
        Backoff top = new Backoff(() -> 0.999_999);
        Duration base = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);
        assertEquals(999, top.delay(base, max, 1).toMillis());
        assertEquals(1999, top.delay(base, max, 2).toMillis());
        assertEquals(7999, top.delay(base, max, 4).toMillis());
        assertEquals(299_999, top.delay(base, max, 40).toMillis());
        assertEquals(Duration.ZERO, new Backoff(() -> 0).delay(base, max, 10));
    }

    @Test
    public void mirrorsRotateOnFailureAndDropRefusedOnes() {
        URI a = URI.create("https://a/x");
        URI b = URI.create("https://b/x");
        URI c = URI.create("https://c/x");
        Mirrors m = new Mirrors(List.of(a, b, c));
        assertEquals(a, m.current());
        m.failed();
        assertEquals(b, m.current());
        m.refuse("b: HTTP 404");
        assertEquals(c, m.current());
        m.failed();
        assertEquals(a, m.current());
        m.failed();
        assertEquals(c, m.current());
        m.refuse("c: HTTP 403");
        assertFalse(m.allRefused());
        m.refuse("a: HTTP 410");
        assertTrue(m.allRefused());
        assertEquals("[b: HTTP 404, c: HTTP 403, a: HTTP 410]", m.refusals());
    }

    @Test
    public void aPoorLinkHalvesTheCapDownToTheFloorAndCleanTimeRestoresIt() {
        LinkQuality q = new LinkQuality(3, 100_000, 1_000);
        q.poor(1_000_000);
        q.poor(1_000_000);
        assertEquals(0, q.cap());
        q.poor(1_000_000);
        assertEquals(500_000, q.cap());
        q.poor(0);
        q.clean(10); // a clean stretch breaks the series of poor attempts
        q.poor(0);
        q.poor(0);
        assertEquals(500_000, q.cap());
        for (int i = 0; i < 9; i++) {
            q.poor(0);
        }
        assertEquals(100_000, q.cap());
        q.clean(1_000);
        assertEquals(200_000, q.cap());
        q.clean(2_000);
        assertEquals(800_000, q.cap());
        q.clean(1_000);
        assertEquals(0, q.cap());
    }

    @Test
    public void networkGateAndEffectiveRate() throws Exception {
        NetworkStatus offline = new NetworkStatus(false, false, "");
        NetworkStatus metered = new NetworkStatus(true, true, "wwan0");
        NetworkStatus free = new NetworkStatus(true, false, "eth0");
        assertEquals(NetworkGate.Verdict.OFFLINE, NetworkGate.verdict(offline, MeteredPolicy.ALLOW));
        assertEquals(NetworkGate.Verdict.METERED, NetworkGate.verdict(metered, MeteredPolicy.DEFER));
        assertEquals(NetworkGate.Verdict.GO, NetworkGate.verdict(metered, MeteredPolicy.THROTTLE));
        assertEquals(NetworkGate.Verdict.GO, NetworkGate.verdict(free, MeteredPolicy.DEFER));

        Map<String, Object> p = Fixture.properties(java.nio.file.Path.of("/tmp/x"));
        p.put("meteredPolicy", "throttle");
        p.put("meteredRateLimit", 1000L);
        Settings s = Fixture.settings(p);
        assertEquals(0, NetworkGate.rate(s, free, 0));
        assertEquals(1000, NetworkGate.rate(s, metered, 0));
        assertEquals(500, NetworkGate.rate(s, metered, 500));
        p.put("rateLimit", 300L);
        assertEquals(300, NetworkGate.rate(Fixture.settings(p), metered, 500));
        assertEquals(300, NetworkGate.rate(Fixture.settings(p), free, 0));
    }

    @Test
    public void responseHeaders() {
        HttpHeaders h = HttpHeaders.of(Map.of("Content-Range", List.of("bytes 5-9/10"), "ETag", List.of("\"abc\""),
                "Retry-After", List.of("120")), (a, b) -> true);
        assertEquals(new ResponseHeaders.ContentRange(5, 9, 10), ResponseHeaders.contentRange(h).orElseThrow());
        assertEquals("\"abc\"", ResponseHeaders.strongEtag(h));
        assertEquals(Duration.ofSeconds(60), ResponseHeaders.retryAfter(h, Instant.now(), Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(120), ResponseHeaders.retryAfter(h, Instant.now(), Duration.ofSeconds(600)));
        HttpHeaders weak = HttpHeaders.of(Map.of("ETag", List.of("W/\"abc\""), "Content-Range", List.of("bytes */10"),
                "Retry-After", List.of("Wed, 21 Oct 2015 07:28:30 GMT")), (a, b) -> true);
        assertNull(ResponseHeaders.strongEtag(weak));
        assertTrue(ResponseHeaders.contentRange(weak).isEmpty());
        assertEquals(Duration.ofSeconds(30), ResponseHeaders.retryAfter(weak,
                Instant.parse("2015-10-21T07:28:00Z"), Duration.ofMinutes(5)));
    }

    @Test
    public void urlPolicyKeepsPlainHttpOnLoopback() {
        UrlPolicy strict = new UrlPolicy(false);
        assertNull(strict.refusal(URI.create("http://127.0.0.1:8080/a")));
        assertNull(strict.refusal(URI.create("https://updates.example.com/a")));
        assertTrue(strict.refusal(URI.create("http://updates.example.com/a")).contains("plain http"));
        assertTrue(strict.refusal(URI.create("https://user:pw@updates.example.com/a")).contains("user information"));
        assertTrue(strict.redirectRefusal(URI.create("https://a/x"), URI.create("http://127.0.0.1/x"))
                .contains("leaves https"));
        assertNull(new UrlPolicy(true).refusal(URI.create("http://updates.example.com/a")));
    }

    @Test
    public void settingsNameTheBadAttributeAndValue() {
        Map<String, Object> p = Fixture.properties(java.nio.file.Path.of("/var/lib/updraft"));
        assertEquals(java.nio.file.Path.of("/var/lib/updraft/downloads"), Fixture.settings(p).downloads());
        assertBad(p, "home", "relative/dir", "io.updraft.downloader home 'relative/dir' must be an absolute path");
        assertBad(p, "meteredPolicy", "sometimes", "meteredPolicy 'sometimes' must be allow, throttle or defer");
        assertBad(p, "retryDelay", "5s", "retryDelay '5s' is not an ISO-8601 duration");
        assertBad(p, "giveUpAfter", "PT0S", "giveUpAfter 'PT0S' must be positive");
        assertBad(p, "rateLimit", -1L, "rateLimit -1 is below the minimum 0");
        assertBad(p, "checkpointBytes", 1000L, "checkpointBytes 1000 is below the minimum 65536");
        assertBad(p, "maxRetryDelay", "PT0.001S", "retryDelay PT0.02S is longer than maxRetryDelay PT0.001S");
        assertBad(p, "caFile", "ca.pem", "caFile 'ca.pem' must be an absolute path");
    }

    private static void assertBad(Map<String, Object> p, String key, Object value, String message) {
        Map<String, Object> copy = new java.util.HashMap<>(p);
        copy.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixture.settings(copy));
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }
}
