package dev.codeindex.secrets;

import java.util.List;

/** One way of finding secrets; adds a {@link Span} per secret found. */
interface SecretRule {
    /** Identifies the rule in markers and logs. */
    String id();

    /**
     * Words (three characters or more) one of which starts every secret this rule finds; a text
     * without any is not looked at, and in one with some the rule looks only where they are
     * ({@link Scan#positions}). Empty: the rule looks at every text whole.
     */
    List<String> hints();

    /** Whether {@link #hints} match whatever the case of their letters. */
    default boolean hintsIgnoreCase() {
        return false;
    }

    /** @param priority this rule's index: where its hints are in the scan, and which span wins a tie */
    void find(Scan scan, int priority, List<Span> out);
}
