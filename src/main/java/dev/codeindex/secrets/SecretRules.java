package dev.codeindex.secrets;

import java.util.List;

/**
 * The built-in secrets known by their shape. Coverage follows the token formats that gitleaks' and
 * trufflehog's default rule sets detect (prefixes and lengths as the issuers document them); each
 * rule names the literal words its matches start with, and its regex is tried only where they occur.
 */
final class SecretRules {
    private SecretRules() {}

    /** Tail of a token: the next character is not one a token could go on with. */
    private static final String END = "(?![A-Za-z0-9_-])";
    /** Head of a token: not in the middle of a longer word. */
    private static final String START = "(?<![A-Za-z0-9_])";

    static final List<PatternRule> BUILT_IN = List.of(
            // a private-key block, through its END line (or the end of the text when cut short)
            PatternRule.of("private-key", "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----"
                    + "[\\s\\S]{0,20000}?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|\\z)", "-----BEGIN"),
            PatternRule.of("aws-access-key", START + "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)"
                    + "[A-Z2-7]{16}" + END, "AKIA", "ASIA", "A3T", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA",
                    "ANPA", "ANVA"),
            // the 40-character secret key next to a name that says AWS (a bare one looks like any base64)
            PatternRule.of("aws-secret-key", "(?i:aws)[A-Za-z0-9_.-]{0,30}(?i:secret)[A-Za-z0-9_.-]{0,30}[\"']?"
                    + "\\s*(?::=|=>|=|:)\\s*[\"']?(?<secret>[A-Za-z0-9/+]{40})" + END, "aws", "AWS", "Aws"),
            PatternRule.of("github-token", START + "(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"
                    + END, "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            PatternRule.of("gitlab-token", START + "(?:glpat|glptt|gldt|glrt|glcbt|gloas|glft|glimt|glsoat)-[A-Za-z0-9_-]"
                    + "{20,300}" + END + "|GR1348941[A-Za-z0-9_-]{20}" + END, "glpat-", "glptt-", "gldt-", "glrt-",
                    "glcbt-", "gloas-", "glft-", "glimt-", "glsoat-", "GR1348941"),
            PatternRule.of("slack-token", START + "(?:xox[abeoprs]-[A-Za-z0-9-]{10,250}|xapp-\\d-[A-Za-z0-9-]{10,250})",
                    "xox", "xapp-"),
            PatternRule.of("slack-webhook", "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}",
                    "hooks.slack.com"),
            PatternRule.of("stripe-key", START + "(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}" + END,
                    "sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"),
            PatternRule.of("google-api-key", START + "AIza[A-Za-z0-9_-]{35}" + END, "AIza"),
            PatternRule.of("npm-token", START + "npm_[A-Za-z0-9]{36}" + END, "npm_"),
            PatternRule.of("pypi-token", START + "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", "pypi-AgEIcHlwaS5vcmc"),
            PatternRule.of("anthropic-key", START + "sk-ant-[a-z0-9]{2,10}-[A-Za-z0-9_-]{32,200}", "sk-ant-"),
            PatternRule.of("openai-key", START + "sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,200}"
                    + "|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})" + END, "sk-"),
            PatternRule.of("jwt", START + "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", "eyJ"),
            // credentials on a command line, as shell scripts, CI files, READMEs and shell histories hold them: the
            // token of an Authorization header (one with a digit), curl's -u user:password, mysql's -pPASSWORD,
            // sshpass -p PASSWORD; a $VARIABLE, <placeholder> or {template} is no secret, and a command ends at
            // a pipe, a ; or a && (`curl … | sort -u a:b` held no password)
            PatternRule.of("auth-header", START + "(?:Authorization|authorization|AUTHORIZATION)[\"']?[ \\t]*[:=][ \\t]*"
                    + "[\"'`]?(?:Bearer|bearer|BEARER|Basic|basic|Token|token)[ \\t]+(?<secret>(?=[A-Za-z0-9._~+/_-]{0,300}"
                    + "[0-9])[A-Za-z0-9._~+/_-]{12,300}=*)" + END, "Authorization", "authorization", "AUTHORIZATION"),
            PatternRule.of("curl-password", START + "curl\\b[^\\n|;&]{0,300}?[ \\t](?:-u|--user)[ \\t]*[\"']?"
                    + "[^\\s\"':$<{|;&]{1,100}:(?<secret>[^\\s\"'$<{][^\\s\"'|;&]{3,200})", "curl"),
            PatternRule.of("mysql-password", START + "mysql[a-z]*\\b[^\\n|;&]{0,300}?[ \\t](?:-p|--password=)"
                    + "(?<secret>[^\\s\"'$<{-][^\\s\"'|;&]{3,200})", "mysql"),
            PatternRule.of("sshpass-password", START + "sshpass[ \\t]+-p[ \\t]*[\"']?(?<secret>[^\\s\"'$<{][^\\s\"']{3,200})",
                    "sshpass"),
            // docker's config.json wherever it lies: "auth" is base64 of user:password
            PatternRule.of("docker-auth", "\"(?:auth|identitytoken|registrytoken)\"\\s*:\\s*\"(?<secret>[A-Za-z0-9+/=_.-]{8,})\"",
                    "\"auth\"", "\"identitytoken\"", "\"registrytoken\""));
}
