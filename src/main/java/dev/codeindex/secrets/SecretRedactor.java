package dev.codeindex.secrets;

import dev.codeindex.chunk.TextRedactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds credentials in a file's text and replaces each with a marker: a token that is a secret by
 * its shape (an AWS key id, a GitHub token, a private-key block, …) becomes
 * {@code «redacted:RULE»}; the value of an assignment whose key names a secret
 * ({@code password: hunter2}, {@code "apiKey": "…"}, {@code token = "…"}) becomes
 * {@code «redacted»}, keeping the key and the quotes. A replaced span that held line breaks keeps
 * them, so every line stays where it was.
 *
 * <p>The built-in rules are {@link SecretRules#BUILT_IN}, {@link UrlCredentialRule},
 * {@link AssignmentRule} and, in env-style files, {@link EnvEntropyRule}. One pass over the text
 * ({@link Triggers}) finds where the words they start with occur; a rule looks only there. Extra rules come from {@code secrets.extraPatterns};
 * a candidate overlapped by a match of a {@code secrets.allow} pattern on its line(s) is left as it is.
 *
 * <p>Logs the rule and {@code path:line} of each redaction at debug level, never the text.
 * Immutable and thread-safe: patterns are compiled once, matchers are made per call.
 */
public final class SecretRedactor implements TextRedactor {
    /** Bumped when a built-in rule changes what it finds: files are chunked again. */
    // 2: versions and dependency sources are no secrets; 3: a password that holds a secret's word with digits is one
    // ("MyCompanySecret2024"), and command-line credentials (an Authorization header, curl -u, mysql -p, sshpass)
    static final int RULES_VERSION = 3;
    static final String MARK = "«redacted»";

    private static final Logger log = LoggerFactory.getLogger(SecretRedactor.class);

    private final List<SecretRule> rules;
    private final Triggers triggers;
    private final List<Pattern> allow;
    private final String fingerprint;

    /**
     * @param extra rules from the configuration, tried after the built-in ones
     * @param allow a candidate that a match of one of these overlaps is never redacted
     */
    public SecretRedactor(List<PatternRule> extra, List<Pattern> allow) {
        List<SecretRule> all = new ArrayList<>(SecretRules.BUILT_IN);
        all.add(new UrlCredentialRule());
        all.add(new AssignmentRule());
        all.add(new EnvEntropyRule());
        all.addAll(extra);
        this.rules = List.copyOf(all);
        List<Triggers.Hint> hints = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            SecretRule rule = rules.get(i);
            for (int h = 0; h < rule.hints().size(); h++) {
                hints.add(new Triggers.Hint(rule.hints().get(h), rule.hintsIgnoreCase(), i, h));
            }
        }
        this.triggers = new Triggers(rules.size(), hints);
        this.allow = List.copyOf(allow);
        StringBuilder fp = new StringBuilder("secrets-").append(RULES_VERSION);
        extra.forEach(r -> fp.append("|x:").append(r.id()).append('=').append(r.pattern().pattern()));
        allow.forEach(p -> fp.append("|a:").append(p.pattern()));
        this.fingerprint = fp.toString();
    }

    /** The built-in rules only. */
    public static SecretRedactor defaults() {
        return new SecretRedactor(List.of(), List.of());
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Redacted redact(String relPath, String text) {
        if (text.isEmpty()) {
            return new Redacted(text, 0);
        }
        Scan scan = new Scan(relPath, text, triggers.scan(text));
        List<Span> found = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            SecretRule rule = rules.get(i);
            if (rule.hints().isEmpty() || scan.hitCount(i) > 0) {
                rule.find(scan, i, found);
            }
        }
        if (found.isEmpty()) {
            return new Redacted(text, 0);
        }
        found.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::priority));
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        int count = 0;
        int line = 1;
        int lineCountedTo = 0;
        for (Span s : found) {
            if (s.start() < pos || s.end() <= s.start() || allowed(text, s)) {
                continue;
            }
            out.append(text, pos, s.start());
            out.append(s.marker());
            for (int i = s.start(); i < s.end(); i++) { // keep the line breaks the secret spanned
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    out.append(c);
                }
            }
            pos = s.end();
            count++;
            if (log.isDebugEnabled()) {
                for (int i = lineCountedTo; i < s.start(); i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                lineCountedTo = s.start();
                log.debug("{}:{}: secret redacted ({})", relPath, line, s.rule());
            }
        }
        if (count == 0) {
            return new Redacted(text, 0);
        }
        out.append(text, pos, text.length());
        return new Redacted(out.toString(), count);
    }

    /** Whether an allow pattern's match on the span's line(s) overlaps the span. */
    private boolean allowed(String text, Span s) {
        if (allow.isEmpty()) {
            return false;
        }
        int from = text.lastIndexOf('\n', s.start() - 1) + 1;
        int to = text.indexOf('\n', s.end());
        to = to < 0 ? text.length() : to;
        for (Pattern p : allow) {
            Matcher m = p.matcher(text).region(from, to);
            while (m.find()) {
                if (m.end() > m.start() && m.start() < s.end() && m.end() > s.start()) {
                    return true;
                }
                if (m.end() == m.start() && m.end() >= to) {
                    break;
                }
            }
        }
        return false;
    }
}
