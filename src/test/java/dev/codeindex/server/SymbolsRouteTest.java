package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.LocalHttp;
import dev.codeindex.testing.LocalHttp.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /symbols} over real HTTP against a {@link FakeDaemon}: parameters, answer, refusals. */
class SymbolsRouteTest {
    static final String ROOT = HttpRoutesTest.ROOT;

    final FakeDaemon daemon = new FakeDaemon().roots(HttpRoutesTest.watching(ROOT));
    final JavalinServer server = new JavalinServer(daemon, "127.0.0.1", 0, null);
    final LocalHttp http = new LocalHttp(() -> server.port());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void symbols_passes_name_k_and_root_to_the_daemon_and_answers_like_search() throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(
                new SearchResult("Config.java", 1, 3, "Config.parse", "java", 4.0, "void parse() {}")), 2));
        Answer a = http.get("/symbols?name=" + HttpRoutesTest.enc("Config.parse") + "&k=3&root=" + HttpRoutesTest.enc(ROOT));
        assertEquals(200, a.status());
        assertEquals(new SymbolRequest("Config.parse", 3, ROOT), daemon.symbolLookups().get(0));
        assertEquals("{\"results\":[{\"path\":\"Config.java\",\"startLine\":1,\"endLine\":3,\"symbol\":\"Config.parse\","
                + "\"language\":\"java\",\"score\":4.0,\"snippet\":\"void parse() {}\"}],\"pending\":2}",
                a.body().toString());
        http.get("/symbols?name=parse_args");
        assertEquals(new SymbolRequest("parse_args", Routes.DEFAULT_K, null), daemon.symbolLookups().get(1));
    }

    @Test
    void a_missing_name_or_bad_k_is_400_before_the_daemon_and_its_refusals_are_400_and_409() throws Exception {
        for (String bad : List.of("/symbols", "/symbols?name=", "/symbols?name=%20", "/symbols?name=x&k=0")) {
            assertEquals(400, http.get(bad).status(), bad);
        }
        assertEquals("missing query parameter name", http.get("/symbols").body().path("error").asText());
        assertEquals(List.of(), daemon.symbolLookups());
        daemon.searchFails(new IllegalArgumentException("'a b' is not a symbol name"));
        Answer e = http.get("/symbols?name=a+b");
        assertEquals(400, e.status());
        assertEquals("'a b' is not a symbol name", e.body().path("error").asText());
        daemon.searchFails(new IllegalStateException("this daemon runs offline"));
        assertEquals(409, http.get("/symbols?name=x").status());
    }
}
