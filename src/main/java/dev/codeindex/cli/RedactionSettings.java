package dev.codeindex.cli;

import dev.codeindex.chunk.TextRedactor;
import dev.codeindex.config.Config;
import dev.codeindex.config.SecretsConfig;
import dev.codeindex.secrets.PatternRule;
import dev.codeindex.secrets.SecretRedactor;

/** The redactor of credentials from the configuration ({@code secrets.*}). */
final class RedactionSettings {
    private RedactionSettings() {}

    static TextRedactor of(Config c) {
        SecretsConfig s = c.secrets();
        if (!s.enabled()) {
            return TextRedactor.NONE;
        }
        return new SecretRedactor(s.extraPatterns().stream().map(p -> PatternRule.of(p.name(), p.pattern())).toList(),
                s.allow());
    }
}
