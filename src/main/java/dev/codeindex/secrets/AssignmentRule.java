package dev.codeindex.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A literal value given to a name that says it is a secret: YAML {@code password: hunter2},
 * properties {@code spring.datasource.password=hunter2}, JSON {@code "apiKey": "…"}, code
 * {@code token = "…"} or {@code connect(password="…")}, env {@code DB_PASS=…}. Only the value is
 * replaced ({@code password: «redacted»}). In programming languages only a quoted value counts
 * (an unquoted one is code: {@code password = getPassword()}); in other files an unquoted one does too.
 *
 * <p>The text of an XML element so named counts as its value ({@code <password>hunter2</password>}).
 *
 * <p>Found without a regex: only where a keyword occurs (its hints) is the line looked at.
 */
final class AssignmentRule implements SecretRule {
    /** Lower-case words that make a name a secret's; a name holds one as a whole word ({@code tokens} and {@code tokenizer} do not). */
    private static final String[] KEYWORDS = {"password", "passwd", "passphrase", "pass", "pwd", "secret", "token",
            "apikey", "api_key", "api-key", "accesskey", "access_key", "privatekey", "private_key", "credential",
            "credentials"};
    private static final List<String> HINTS = List.of(KEYWORDS);
    /** Keywords that count only as a whole word on both sides ({@code bypass} and {@code compass} are not secrets). */
    private static final Set<String> WHOLE_WORD = Set.of("pass", "pwd");
    /**
     * Last words of a name that make it about the secret rather than the secret itself:
     * {@code secretName}, {@code token_type}, {@code password_file}, {@code secretKeyRef}.
     */
    private static final Set<String> NOT_SECRET = Set.of("name", "names", "id", "ids", "type", "types", "file",
            "filename", "files", "path", "dir", "url", "uri", "endpoint", "ref", "reference", "field", "fields",
            "length", "len", "min", "max", "env", "var", "variable", "prefix", "suffix", "policy", "regex", "pattern",
            "format", "expiry", "expires", "ttl", "timeout", "lifetime", "count", "hint", "label", "header", "param",
            "enabled", "required", "reset", "changed", "validator", "validation", "rule", "rules", "strength",
            "manager", "store", "provider", "source", "location", "mode", "kind", "class", "service", "helper",
            "input", "prompt", "text", "message", "msg", "title", "placeholder", "description", "help", "error",
            "column", "attribute", "attr", "property", "prop", "index", "version", "audience", "issuer", "scope",
            "scopes", "template", "encoder", "size", "bits", "algorithm", "alg", "method", "command", "cmd", "at",
            "in", "on", "by", "mount", "volume", "selector", "hidden", "visible", "visibility", "auth");

    @Override
    public String id() {
        return "assignment";
    }

    @Override
    public List<String> hints() {
        return HINTS;
    }

    @Override
    public boolean hintsIgnoreCase() {
        return true;
    }

    @Override
    public void find(Scan scan, int priority, List<Span> out) {
        String text = scan.text;
        for (int i = 0; i < scan.hitCount(priority); i++) {
            int at = scan.position(priority, i);
            String kw = KEYWORDS[scan.hint(priority, i)];
            if (!wordEnd(text, at + kw.length()) || (WHOLE_WORD.contains(kw) && !wordStart(text, at))) {
                continue;
            }
            int keyStart = at;
            while (keyStart > 0 && keyChar(text.charAt(keyStart - 1))) {
                keyStart--;
            }
            int keyEnd = at + kw.length();
            while (keyEnd < text.length() && keyChar(text.charAt(keyEnd))) {
                keyEnd++;
            }
            if (!secretKey(text.substring(keyStart, keyEnd))) {
                continue;
            }
            if (keyStart > 0 && text.charAt(keyStart - 1) == '<') {
                element(scan, keyStart, keyEnd, priority, out);
            } else {
                value(scan, kw, keyEnd, priority, out);
            }
        }
    }

    /** The text of an XML element named for a secret: {@code <password>hunter2</password>} (Maven's settings.xml). */
    private static void element(Scan scan, int keyStart, int keyEnd, int priority, List<Span> out) {
        String t = scan.text;
        if (keyEnd >= t.length() || t.charAt(keyEnd) != '>') {
            return;
        }
        int start = keyEnd + 1;
        int end = t.indexOf('<', start);
        String tag = t.substring(keyStart, keyEnd);
        if (end < 0 || end - start > 1024 || tag.equalsIgnoreCase("token") || !t.startsWith("</" + tag + ">", end)) {
            return; // <token> is a word of many XML vocabularies, not a credential
        }
        if (Literals.secretLike(t.substring(start, end), tag.toLowerCase(java.util.Locale.ROOT))) {
            out.add(new Span(start, end, "xml-secret", SecretRedactor.MARK, priority));
        }
    }

    /** Whether a name whose keyword was found ends with a word that keeps it a secret's name. */
    static boolean secretKey(String key) {
        return !NOT_SECRET.contains(lastWord(key));
    }

    /** The last word of a name, lower-cased: {@code secretKeyRef} → ref, {@code DB_PASSWORD} → password. */
    static String lastWord(String key) {
        int end = key.length();
        while (end > 0 && !Character.isLetterOrDigit(key.charAt(end - 1))) {
            end--;
        }
        int i = end;
        while (i > 0 && Character.isLetterOrDigit(key.charAt(i - 1))) {
            i--;
            if (Character.isUpperCase(key.charAt(i)) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) {
                break;
            }
        }
        return key.substring(i, end).toLowerCase(Locale.ROOT);
    }

    /** The value after the key ending at {@code p}, if it is a literal secret. */
    private static void value(Scan scan, String kw, int p, int priority, List<Span> out) {
        String t = scan.text;
        int n = t.length();
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        int beforeSep = p;
        p = blanks(t, p);
        if (p >= n) {
            return;
        }
        if (t.startsWith(":=", p) || t.startsWith("=>", p)) {
            p += 2;
        } else if (t.charAt(p) == '=' && !(p + 1 < n && (t.charAt(p + 1) == '=' || t.charAt(p + 1) == '~'))) {
            p++;
        } else if (t.charAt(p) == ':' && !(p + 1 < n && t.charAt(p + 1) == ':') && !(scan.code && p > beforeSep)) {
            p++; // in code, " : " is a conditional expression rather than a key and its value
        } else {
            return;
        }
        p = blanks(t, p);
        int lineEnd = scan.lineEnd(p);
        if (scan.code && p + 1 < n && "rRbBfFuU".indexOf(t.charAt(p)) >= 0 && "\"'".indexOf(t.charAt(p + 1)) >= 0) {
            p++;
        }
        if (p >= lineEnd) {
            return;
        }
        char q = t.charAt(p);
        int start;
        int end;
        if (q == '"' || q == '\'' || q == '`') {
            start = p + 1;
            end = start;
            while (end < lineEnd && t.charAt(end) != q) {
                end += t.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= lineEnd) {
                return;
            }
        } else if (scan.code) {
            return;
        } else {
            start = p;
            end = p;
            while (end < lineEnd && !Character.isWhitespace(t.charAt(end))) {
                end++;
            }
            while (end > start && ",;".indexOf(t.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end < lineEnd && t.charAt(end) != '\r' && !comment(t, end, lineEnd)) {
                return; // more words follow: prose, or a value this rule does not understand
            }
        }
        if (end > start && Literals.secretLike(t.substring(start, end), kw)) {
            out.add(new Span(start, end, "assignment", SecretRedactor.MARK, priority));
        }
    }

    /** Whether only blanks and then a comment or a separator follow {@code from} on the line. */
    private static boolean comment(String t, int from, int lineEnd) {
        int p = blanks(t, from);
        return p >= lineEnd || t.charAt(p) == '#' || t.startsWith("//", p) || t.charAt(p) == ';' || t.charAt(p) == ','
                || t.charAt(p) == '\r' || t.charAt(p) == '}' || t.charAt(p) == ']';
    }

    private static int blanks(String t, int p) {
        while (p < t.length() && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    private static boolean keyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    /** Whether the keyword ending at {@code p} ends a word: end, a non-letter, or a camel-case hump. */
    private static boolean wordEnd(String t, int p) {
        if (p >= t.length()) {
            return true;
        }
        char c = t.charAt(p);
        return !Character.isLetterOrDigit(c) || (Character.isUpperCase(c) && Character.isLowerCase(t.charAt(p - 1)));
    }

    /** Whether the keyword starting at {@code p} starts a word. */
    private static boolean wordStart(String t, int p) {
        if (p == 0) {
            return true;
        }
        char b = t.charAt(p - 1);
        return !Character.isLetterOrDigit(b) || (Character.isUpperCase(t.charAt(p)) && Character.isLowerCase(b));
    }
}
