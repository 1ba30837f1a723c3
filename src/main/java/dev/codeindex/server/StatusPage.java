package dev.codeindex.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code GET /}: one self-contained HTML page from the jar (inline script and style, no external
 * asset: the daemon may run offline) that polls {@code /status} and {@code /checkpoint} and
 * searches through {@code /search}. The page is static: the server inserts nothing into it, and the
 * script writes data into the DOM with {@code textContent} only.
 *
 * <p>Its Content-Security-Policy allows exactly the page's own inline script and style (by hash) and
 * fetches to this origin, so nothing injected could run or send data elsewhere.
 */
final class StatusPage {
    static final String RESOURCE = "/dev/codeindex/server/status.html";

    private final byte[] html;
    private final String csp;

    StatusPage() {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the status page " + RESOURCE + " is missing from the jar");
            }
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(html, StandardCharsets.UTF_8);
        csp = "default-src 'none'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'; script-src '" + hashOf(text, "script") + "'; style-src '"
                + hashOf(text, "style") + "'";
    }

    byte[] html() {
        return html;
    }

    String contentSecurityPolicy() {
        return csp;
    }

    /** The CSP source for the page's one inline element {@code tag}: sha256 of its exact text. */
    static String hashOf(String page, String tag) {
        int open = page.indexOf("<" + tag + ">");
        int close = page.indexOf("</" + tag + ">");
        if (open < 0 || close < open || page.indexOf("<" + tag + ">", open + 1) >= 0) {
            throw new IllegalStateException("the status page needs exactly one plain <" + tag + "> element");
        }
        String body = page.substring(open + tag.length() + 2, close);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
