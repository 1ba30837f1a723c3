package dev.codeindex.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In env-style files ({@code .env}, {@code .env.*}, {@code *.env}, {@code .envrc}), any value that
 * looks random ({@code SESSION_KEY=q8Zr…}), whatever its name: at least {@value #MIN_LENGTH}
 * characters with at least {@value #MIN_ENTROPY} bits of entropy per character, as gitleaks'
 * generic rule asks. Names, hosts, paths and URLs without credentials stay.
 */
final class EnvEntropyRule implements SecretRule {
    static final int MIN_LENGTH = 12;
    static final double MIN_ENTROPY = 3.5;
    private static final Pattern LINE = Pattern.compile(
            "(?m)^[ \\t]*(?:export[ \\t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \\t]*=[ \\t]*([\"']?)(?<secret>[^\\s\"'#]+)\\1[ \\t]*(?:#.*)?\\r?$");

    @Override
    public String id() {
        return "env-entropy";
    }

    @Override
    public List<String> hints() {
        return List.of();
    }

    @Override
    public void find(Scan scan, int priority, List<Span> out) {
        if (!scan.envFile) {
            return;
        }
        Matcher m = LINE.matcher(scan.text);
        while (m.find()) {
            String v = m.group("secret");
            if (v.length() >= MIN_LENGTH && Literals.secretLike(v) && Literals.entropy(v) >= MIN_ENTROPY
                    && !v.matches("[A-Za-z0-9.-]+\\.[a-z]{2,}(?::\\d+)?") && !v.matches("[\\d.:]+")) {
                out.add(new Span(m.start("secret"), m.end("secret"), id(), SecretRedactor.MARK, priority));
            }
        }
    }
}
