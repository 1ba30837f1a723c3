package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DaemonApi} that asks a running {@code watch} daemon over its HTTP routes ({@code /status},
 * {@code /search}, {@code /symbols}, {@code /context}, {@code /similar}, {@code POST /reindex}, {@code POST /sync}, {@code POST /pause}, {@code POST /resume}), with the configured token. The JSON
 * shapes are read by {@link ApiJson}, which writes them on the daemon's side.
 *
 * <p>Errors as the interface says: the daemon's 400 becomes {@link IllegalArgumentException}, anything
 * else it refuses {@link IllegalStateException}, and a daemon that does not answer at all
 * {@link Unreachable} (an {@link IllegalStateException} too).
 *
 * <p>Threading: any thread.
 */
final class RemoteDaemon implements DaemonApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The daemon did not answer at all (not running any more, or unreachable), as opposed to refusing. */
    static final class Unreachable extends IllegalStateException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** The daemon refused the request for want of its token (HTTP 401): a setting to fix, not a failure of the daemon. */
    static final class TokenRefused extends IllegalStateException {
        TokenRefused(String message) {
            super(message);
        }
    }

    private final String url;
    private final Secret token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    RemoteDaemon(String url, Secret token) {
        this.url = url;
        this.token = token;
    }

    String url() {
        return url;
    }

    @Override
    public DaemonStatus status() {
        return ApiJson.readStatus(send("GET", "/status", TIMEOUT));
    }

    @Override
    public SearchAnswer search(SearchRequest r) {
        String q = "/search?k=" + r.k() + "&q=" + enc(r.query()) + scope(r.root(), r.language(), r.pathGlob());
        return ApiJson.readSearch(send("GET", q, TIMEOUT));
    }

    @Override
    public SearchAnswer findSymbol(SymbolRequest r) {
        StringBuilder q = new StringBuilder("/symbols?k=").append(r.k()).append("&name=").append(enc(r.name()));
        if (r.root() != null) {
            q.append("&root=").append(enc(r.root()));
        }
        if (r.kind() != null) {
            q.append("&kind=").append(enc(r.kind()));
        }
        return ApiJson.readSearch(send("GET", q.toString(), TIMEOUT));
    }

    @Override
    public ReferencesAnswer references(ReferencesRequest r) {
        String q = "/references?k=" + r.k() + "&name=" + enc(r.name()) + scope(r.root(), r.language(), r.pathGlob());
        return ApiJson.readReferences(send("GET", q, TIMEOUT));
    }

    /** The query parameters of a root, a language and a path glob, each when given. */
    private static String scope(String root, String language, String pathGlob) {
        return (root == null ? "" : "&root=" + enc(root)) + (language == null ? "" : "&lang=" + enc(language))
                + (pathGlob == null ? "" : "&path=" + enc(pathGlob));
    }

    @Override
    public ContextAnswer context(ContextRequest r) {
        StringBuilder q = new StringBuilder("/context?line=").append(r.line()).append("&path=").append(enc(r.path()));
        if (r.root() != null) {
            q.append("&root=").append(enc(r.root()));
        }
        return ApiJson.readContext(send("GET", q.toString(), TIMEOUT));
    }

    /** GET with a path and line; a snippet goes as a form body of POST /similar (it may be long). */
    @Override
    public SimilarAnswer similar(SimilarRequest r) {
        StringBuilder q = new StringBuilder("/similar?k=").append(r.k());
        if (r.root() != null) {
            q.append("&root=").append(enc(r.root()));
        }
        if (r.code() != null) {
            return ApiJson.readSimilar(send("POST", q.toString(), "code=" + enc(r.code()), TIMEOUT));
        }
        q.append("&line=").append(r.line()).append("&path=").append(enc(r.path()));
        return ApiJson.readSimilar(send("GET", q.toString(), TIMEOUT));
    }

    @Override
    public boolean sync(long timeoutMillis) {
        JsonNode a = send("POST", "/sync?timeoutMs=" + timeoutMillis, TIMEOUT.plusMillis(timeoutMillis));
        return a.path("synced").asBoolean();
    }

    @Override
    public ReindexAnswer reindex(String root, String path) {
        StringBuilder q = new StringBuilder("/reindex");
        String sep = "?";
        if (root != null) {
            q.append(sep).append("root=").append(enc(root));
            sep = "&";
        }
        if (path != null) {
            q.append(sep).append("path=").append(enc(path));
        }
        JsonNode a = send("POST", q.toString(), TIMEOUT);
        List<String> roots = new ArrayList<>();
        a.path("roots").forEach(n -> roots.add(n.asText()));
        return new ReindexAnswer(a.path("rescan").asBoolean(), a.hasNonNull("path") ? a.path("path").asText() : null,
                roots);
    }

    @Override
    public void pauseIndexing() {
        send("POST", "/pause", TIMEOUT);
    }

    @Override
    public void resumeIndexing() {
        send("POST", "/resume", TIMEOUT);
    }

    private JsonNode send(String method, String pathAndQuery, Duration timeout) {
        return send(method, pathAndQuery, null, timeout);
    }

    /** @param form an {@code application/x-www-form-urlencoded} body, or null for none */
    private JsonNode send(String method, String pathAndQuery, String form, Duration timeout) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url + pathAndQuery)).timeout(timeout)
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (form != null) {
            req.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (token.isSet()) {
            req.header("Authorization", "Bearer " + token.value());
        }
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("the watch daemon at " + url + " does not answer (" + e.getMessage()
                    + "); is `codeindex watch` still running? `codeindex status` shows it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the watch daemon at " + url);
        }
        JsonNode body;
        try {
            body = ApiJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the watch daemon at " + url + " answered " + r.statusCode()
                    + " with something that is not JSON");
        }
        int code = r.statusCode();
        if (code / 100 == 2 || (code == 504 && body.has("synced"))) {
            return body;
        }
        String error = body.path("error").asText("HTTP " + code);
        if (code == 400) {
            throw new IllegalArgumentException(error);
        }
        if (code == 401) {
            throw new TokenRefused(RunningDaemons.tokenRefused(url, token.isSet()));
        }
        throw new IllegalStateException("the watch daemon at " + url + " refused: " + error);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
