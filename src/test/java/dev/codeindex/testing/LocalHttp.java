package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.IntSupplier;

/**
 * A test's HTTP client for a server on 127.0.0.1: GET and POST a path, optionally with a bearer
 * token, and read the JSON answer. The port is asked for on every request, so a test may restart
 * its server.
 *
 * <p>Threading: safe from any thread (the JDK client is).
 */
public final class LocalHttp {
    /** A JSON answer: status and parsed body. */
    public record Answer(int status, JsonNode body) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final IntSupplier port;

    public LocalHttp(IntSupplier port) {
        this.port = port;
    }

    /** GETs a JSON route, checking that the answer says it is JSON. */
    public Answer get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = raw(path, token);
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], path);
        return new Answer(r.statusCode(), json.readTree(r.body()));
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    /** GETs any route, the answer as it came. */
    public HttpResponse<String> raw(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs without a body. */
    public Answer post(String path) throws IOException, InterruptedException {
        return post(path, null);
    }

    public Answer post(String path, String token) throws IOException, InterruptedException {
        return answer(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POSTs {@code body} as {@code contentType}, e.g. a form ({@code curl -d path=src}). */
    public Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return answer(request(path, null).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer answer(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), json.readTree(r.body()));
    }

    /**
     * Sends {@code method path} with exactly the headers given, over a plain socket: the JDK client
     * will not send a Host or Origin of a test's choosing, and a web page's requests need both.
     *
     * @param headers alternating names and values
     * @return the status code and the body as text
     */
    public RawAnswer exchange(String method, String path, String body, String... headers) throws IOException {
        StringBuilder req = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        req.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port.getAsInt())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
            int split = answer.indexOf("\r\n\r\n");
            return new RawAnswer(status, split < 0 ? "" : answer.substring(split + 4));
        }
    }

    /** A status and a body as sent, for {@link #exchange}. */
    public record RawAnswer(int status, String body) {}
}
