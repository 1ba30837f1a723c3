package dev.codeindex.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The password of a URL that carries one ({@code postgres://app:hunter2@db:5432/app}); the user stays. */
final class UrlCredentialRule implements SecretRule {
    private static final Pattern URL = Pattern.compile(
            "\\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\\s:/@\"'<>`]{1,256}:(?<secret>[^\\s@/\"'<>`]{1,256})@[^\\s/\"'<>`@]");

    @Override
    public String id() {
        return "url-password";
    }

    @Override
    public void find(Scan scan, int priority, List<Span> out) {
        if (!scan.text.contains("://")) {
            return;
        }
        Matcher m = URL.matcher(scan.text);
        while (m.find()) {
            String pw = m.group("secret");
            if (Literals.secretLike(pw) || (pw.length() < 4 && !pw.startsWith("$") && !pw.matches("[*x.]+"))) {
                out.add(new Span(m.start("secret"), m.end("secret"), id(), SecretRedactor.MARK, priority));
            }
        }
    }
}
