package dev.codeindex.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The password of a URL that carries one ({@code postgres://app:hunter2@db:5432/app}); the user stays. */
final class UrlCredentialRule implements SecretRule {
    private static final Pattern CREDENTIALS = Pattern.compile(
            "://[^\\s:/@\"'<>`]{1,256}:(?<secret>[^\\s@/\"'<>`]{1,256})@[^\\s/\"'<>`@]");

    private static final List<String> HINTS = List.of("://");

    @Override
    public String id() {
        return "url-password";
    }

    @Override
    public List<String> hints() {
        return HINTS;
    }

    @Override
    public void find(Scan scan, int priority, List<Span> out) {
        Matcher m = CREDENTIALS.matcher(scan.text);
        for (int i = 0; i < scan.hitCount(priority); i++) {
            int at = scan.position(priority, i);
            if (at == 0 || !Character.isLetterOrDigit(scan.text.charAt(at - 1))) {
                continue; // no scheme
            }
            m.region(at, scan.lineEnd(at));
            if (m.lookingAt()) {
                String pw = m.group("secret");
                if (Literals.secretLike(pw) || (pw.length() < 4 && !pw.startsWith("$") && !pw.matches("[*x.]+"))) {
                    out.add(new Span(m.start("secret"), m.end("secret"), id(), SecretRedactor.MARK, priority));
                }
            }
        }
    }
}
