package io.updraft.publisher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ServeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void servesMetadataAndTargetsWithEtagAndRangeOnLoopback() throws Exception {
        Fixture f = new Fixture(tmp.getRoot().toPath(), "--consistent-snapshot", "false");
        f.add(f.pack("app", "1.0.0"));
        Files.writeString(f.repo.resolve("metadata/.timestamp.json.tmp"), "partial");
        Arguments args = Arguments.parse(new ServeCommand(), List.of("--repo", f.repo.toString(), "--port", "0"));
        try (RepositoryServer server = ServeCommand.start(args)) {
            URI base = server.uri();
            assertEquals("127.0.0.1", base.getHost());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> ts = http.send(HttpRequest.newBuilder(base.resolve("metadata/timestamp.json")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ts.statusCode());
            assertTrue(Arrays.equals(Files.readAllBytes(f.repo.resolve("metadata/timestamp.json")), ts.body()));
            String etag = ts.headers().firstValue("ETag").orElseThrow();

            HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(base.resolve("metadata/timestamp.json"))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, again.statusCode());
            assertEquals(0, again.body().length);

            byte[] target = Files.readAllBytes(f.repo.resolve("targets/app/app-1.0.0.updraft"));
            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(base.resolve("targets/app/app-1.0.0.updraft"))
                    .header("Range", "bytes=10-19").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertTrue(Arrays.equals(Arrays.copyOfRange(target, 10, 20), part.body()));
            assertEquals("bytes 10-19/" + target.length, part.headers().firstValue("Content-Range").orElseThrow());

            for (String hidden : List.of("metadata/.timestamp.json.tmp", "metadata/", "updraft-publish.json",
                    "targets/app/missing.updraft")) {
                assertEquals(hidden, 404, http.send(HttpRequest.newBuilder(base.resolve(hidden)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
        }
    }
}
