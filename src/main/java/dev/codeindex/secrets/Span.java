package dev.codeindex.secrets;

/**
 * A stretch of text to replace.
 *
 * @param priority the finding rule's place in the list: of two spans that start together, the
 *                 earlier rule wins
 */
record Span(int start, int end, String rule, String marker, int priority) {}
