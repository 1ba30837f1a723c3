package dev.codeindex.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret known by its shape: every match of {@code pattern} (or of its group named
 * {@code secret}, when it has one) becomes {@code «redacted:ID»}. With {@code hints}, every match
 * starts with one of them (case-sensitive), and the regex is tried only where one occurs; without,
 * it runs over the whole text.
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
        boolean group = pattern.pattern().contains("(?<secret>");
        String marker = "«redacted:" + id + "»";
        Matcher m = pattern.matcher(scan.text);
        if (hints.isEmpty()) {
            while (m.find()) {
                add(m, group, marker, priority, out);
            }
            return;
        }
        m.useTransparentBounds(true); // lookbehinds see before the hint
        int done = -1;
        for (int i = 0; i < scan.hitCount(priority); i++) {
            int at = scan.position(priority, i);
            if (at < done) {
                continue; // inside the match before
            }
            m.region(at, scan.text.length());
            if (m.lookingAt()) {
                add(m, group, marker, priority, out);
                done = m.end();
            }
        }
    }

    private void add(Matcher m, boolean group, String marker, int priority, List<Span> out) {
        int s = group ? m.start("secret") : m.start();
        int e = group ? m.end("secret") : m.end();
        if (s >= 0 && e > s) {
            out.add(new Span(s, e, id, marker, priority));
        }
    }
}
