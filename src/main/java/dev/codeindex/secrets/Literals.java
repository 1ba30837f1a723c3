package dev.codeindex.secrets;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether a value found next to a secret's name is a literal secret or something else (code, a placeholder). */
final class Literals {
    private Literals() {}

    /** Words that stand for a value rather than being one. */
    private static final Set<String> PLACEHOLDERS = Set.of("null", "none", "nil", "true", "false", "undefined",
            "empty", "changeme", "change_me", "change-me", "changeit", "example", "sample", "dummy", "placeholder",
            "redacted", "secret", "password", "passwd", "pass", "token", "your_password", "yourpassword",
            "your-password", "mypassword", "my_password", "your_token", "your_secret", "your_api_key", "apikey",
            "api_key", "todo", "tbd", "fixme", "required", "optional", "string", "str", "bool", "boolean", "int",
            "integer", "number", "object", "bytes", "char[]", "default", "env", "unset", "not-set", "notset",
            "hidden", "masked", "omitted", "value", "include", "same-origin", "omit");
    /** A lower camelCase name of words, a digit allowed before a hump: {@code oauth2Token}, {@code sha256Sum}. */
    private static final Pattern CAMEL_NAME = Pattern.compile("[a-z]+(?:[0-9]*[A-Z][a-z]+)+");
    /** A printf or str.format placeholder. */
    private static final Pattern FORMAT = Pattern.compile("%[-+ #0-9.]*[sdifrxXc]|\\{[0-9]*}|\\{[a-z_]+}");
    /** A lower-case dotted name: {@code java.naming.security.principal}, {@code db.user}. */
    private static final Pattern DOTTED_NAME = Pattern.compile("[a-z][a-z0-9_-]*(?:\\.[a-z][a-z0-9_-]*)+");
    /**
     * A version or version range, as package manifests give one per dependency: {@code 9.0.2},
     * {@code ^4.17.21}, {@code ~1.2.x}, {@code >=1.0.0-beta.1}. A dependency's name may hold a secret's
     * word ({@code jsonwebtoken}, {@code pbkdf2-password}); its version is no secret. Only a pre-release
     * word may follow the numbers ({@code 1.0-Zq8fK2mN9pL4} is no version).
     */
    private static final Pattern VERSION = Pattern.compile("[~^=<>v]*[0-9]+(?:\\.(?:[0-9]+|[xX*]))+"
            + "(?:-(?i:alpha|beta|rc|pre|preview|dev|snapshot|canary|next|nightly|final|release|ga|m)(?:[.-]?[0-9]+)*)?"
            + "(?:\\+[0-9]+(?:\\.[0-9]+)*)?");
    /**
     * Where a package manifest takes a dependency from instead of a version, in the shapes those take:
     * {@code npm:pkg@^1.2}, {@code github:user/repo#ref}, {@code file:../lib}, {@code workspace:*}.
     */
    private static final Pattern DEPENDENCY_SOURCE = Pattern.compile(
            "npm:(?:@[a-z0-9._-]+/)?[a-z0-9._-]+@[~^<>=v0-9.*xX-]+"
            + "|(?:github|gitlab|bitbucket):[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:#[A-Za-z0-9_./-]+)?"
            + "|(?:file|link|portal):(?:\\.{1,2}/|/|~/)[^\\s]*"
            + "|workspace:(?:\\*|\\^|~|[~^]?[0-9][0-9.]*)");
    /** Repeated filler ({@code xxxx}, {@code ****}, {@code ....}), template references and angle-bracket placeholders. */
    private static final Pattern FILLER = Pattern.compile("(?i)(?:x+|\\*+|\\.+|-+|_+|#+|0+|<[^>]*>|\\[[^]]*]|\\{[^}]*}|%[^%]*%"
            + "|«redacted[^»]*»)");

    /**
     * Whether {@code v} (quotes removed) is a literal that could be a secret: long enough, no
     * whitespace, not a placeholder, not a reference to somewhere else (${VAR}, $VAR, {{ x }},
     * %(x)s, a path, a URL without credentials), not a name that holds the secret's own word.
     */
    static boolean secretLike(String v) {
        return secretLike(v, null);
    }

    /** As {@link #secretLike(String)}, and {@code v} does not hold {@code keyword}, the word of its name. */
    static boolean secretLike(String v, String keyword) {
        if (v.length() < 4 || v.length() > 4096) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isWhitespace(v.charAt(i))) {
                return false;
            }
        }
        String l = v.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(l) || FILLER.matcher(v).matches()) {
            return false;
        }
        if (v.contains("${") || v.contains("{{") || v.contains("%(") || v.startsWith("$") || v.startsWith("#{")
                || v.startsWith("@") || v.startsWith("<") || v.contains("://") || v.startsWith("/")
                || v.startsWith("./") || v.startsWith("~/") || v.startsWith("env:") || v.startsWith("vault:")
                || v.startsWith("secret:") || v.startsWith("ENC[") || v.startsWith("!")) {
            return false;
        }
        // A value that holds a secret's word or a placeholder's is a name when it reads as one: no digit, or words
        // joined by separators ("client_secret", "accessToken", "your-api-key"). Run together with digits it is a
        // password that happens to hold the word: "MyCompanySecret2024", "k9Secretq7", "Passw0rd" (a trial found
        // these left in the clear).
        boolean nameShaped = v.chars().noneMatch(Character::isDigit) || v.contains("_") || v.contains("-")
                || v.contains(".") || CAMEL_NAME.matcher(v).matches();
        if (keyword != null && nameShaped && l.contains(keyword.toLowerCase(Locale.ROOT))) {
            return false; // "passphrase", "java.naming.security.credentials": a name, not a value
        }
        if (VERSION.matcher(v).matches() || DEPENDENCY_SOURCE.matcher(v).matches()) {
            return false; // a dependency's version or source: "jsonwebtoken": "9.0.2"
        }
        if (FORMAT.matcher(v).find()) {
            return false; // a format string: "%s:%s", '{}:{}'
        }
        if (DOTTED_NAME.matcher(v).matches()) {
            return false; // a property or message key
        }
        return !nameShaped || !(l.contains("password") || l.contains("passwd") || l.contains("secret") || l.contains("token")
                || l.contains("credential") || l.contains("passphrase")
                || l.contains("your_") || l.contains("your-") || l.startsWith("my_") || l.contains("example")
                || l.contains("placeholder") || l.contains("changeme"));
    }

    /** Shannon entropy of {@code s} in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                h -= c / n * (Math.log(c / n) / Math.log(2));
            }
        }
        if (other > 0) {
            h -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return h;
    }
}
