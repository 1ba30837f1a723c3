package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.api.Coverage;
import dev.codeindex.api.Reference;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.LocalHttp;
import dev.codeindex.testing.LocalHttp.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /references} over real HTTP against a {@link FakeDaemon}: parameters, answer, refusals. */
class ReferencesRouteTest {
    static final String ROOT = HttpRoutesTest.ROOT;

    final FakeDaemon daemon = new FakeDaemon().roots(HttpRoutesTest.watching(ROOT));
    final JavalinServer server = new JavalinServer(daemon, "127.0.0.1", 0, null);
    final LocalHttp http = new LocalHttp(() -> server.port());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void references_passes_name_k_lang_path_and_root_and_answers_lines_with_their_definitions() throws Exception {
        ReferencesAnswer canned = new ReferencesAnswer("parse", List.of(
                new Reference(ROOT, "app.py", 9, "cfg = parse(argv)", "main", "function", 5, 12, false),
                new Reference(ROOT, "cfg.py", 3, "def parse(args):", "parse", "function", 3, 8, true)),
                2, 5, false, 1, new Coverage(10, 10, 9, false), List.of("a note"));
        daemon.referencesAnswers(canned);

        Answer a = http.get("/references?name=" + HttpRoutesTest.enc("Config.parse") + "&k=2&lang=py&path="
                + HttpRoutesTest.enc("src/**") + "&root=" + HttpRoutesTest.enc(ROOT));

        assertEquals(200, a.status());
        assertEquals(new ReferencesRequest("Config.parse", 2, "py", "src/**", ROOT), daemon.referenceLookups().get(0));
        assertEquals(canned, ApiJson.readReferences(a.body()), "what a client reads back is what the daemon said");
        assertEquals("main", a.body().path("references").get(0).path("symbol").asText());
        assertEquals(false, a.body().path("complete").asBoolean());
        http.get("/references?name=parse");
        assertEquals(new ReferencesRequest("parse", ReferencesRequest.DEFAULT_K, null, null, null),
                daemon.referenceLookups().get(1));
    }

    @Test
    void a_missing_name_or_bad_k_is_400_before_the_daemon_and_its_refusals_are_400_and_409() throws Exception {
        for (String bad : List.of("/references", "/references?name=", "/references?name=%20", "/references?name=x&k=0")) {
            assertEquals(400, http.get(bad).status(), bad);
        }
        assertEquals("missing query parameter name", http.get("/references").body().path("error").asText());
        assertEquals(List.of(), daemon.referenceLookups());
        daemon.searchFails(new IllegalArgumentException("'a b' is not a symbol name"));
        Answer e = http.get("/references?name=a+b");
        assertEquals(400, e.status());
        assertEquals("'a b' is not a symbol name", e.body().path("error").asText());
        daemon.searchFails(new IllegalStateException("no keyword index"));
        assertEquals(409, http.get("/references?name=x").status());
    }
}
