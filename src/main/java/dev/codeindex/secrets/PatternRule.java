package dev.codeindex.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret known by its shape: every match of {@code pattern} (or of its group named
 * {@code secret}, when it has one) becomes {@code «redacted:ID»}. The regex runs only on texts
 * that hold one of {@code hints} (literal, case-sensitive): most files hold none, and a substring
 * search is far cheaper than a regex.
 */
public record PatternRule(String id, Pattern pattern, List<String> hints) implements SecretRule {
    public PatternRule {
        hints = List.copyOf(hints);
    }

    /** A rule from the configuration: no hints, the regex runs on every file. */
    public static PatternRule of(String id, Pattern pattern) {
        return new PatternRule(id, pattern, List.of());
    }

    static PatternRule of(String id, String regex, String... hints) {
        return new PatternRule(id, Pattern.compile(regex), List.of(hints));
    }

    @Override
    public void find(Scan scan, int priority, List<Span> out) {
        if (!hinted(scan.text)) {
            return;
        }
        boolean group = pattern.pattern().contains("(?<secret>");
        String marker = "«redacted:" + id + "»";
        Matcher m = pattern.matcher(scan.text);
        while (m.find()) {
            int s = group ? m.start("secret") : m.start();
            int e = group ? m.end("secret") : m.end();
            if (s >= 0 && e > s) {
                out.add(new Span(s, e, id, marker, priority));
            }
        }
    }

    private boolean hinted(String text) {
        if (hints.isEmpty()) {
            return true;
        }
        for (String h : hints) {
            if (text.contains(h)) {
                return true;
            }
        }
        return false;
    }
}
