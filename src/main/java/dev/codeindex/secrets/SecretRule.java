package dev.codeindex.secrets;

import java.util.List;

/** One way of finding secrets; adds a {@link Span} per secret found. */
interface SecretRule {
    /** Identifies the rule in markers and logs. */
    String id();

    void find(Scan scan, int priority, List<Span> out);
}
