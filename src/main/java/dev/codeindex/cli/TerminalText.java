package dev.codeindex.cli;

/**
 * Text from indexed files (code, paths, symbols) made safe to print on a terminal. A file can hold
 * escape sequences that set the window title, clear the screen or move the cursor, and a file name can
 * hold a line break: printed raw, they act on the terminal or break one hit per line. Control
 * characters become visible: C0 ones as their Unicode control pictures ({@code ␛} for ESC), C1 ones
 * and DEL as {@code \x9b}.
 */
final class TerminalText {
    private TerminalText() {}

    /** {@code text} with every control character but line feed and tab made visible. */
    static String safe(String text) {
        return replace(text, true);
    }

    /** {@code text} as one line: line feeds and tabs are made visible too (a path, a symbol). */
    static String oneLine(String text) {
        return replace(text, false);
    }

    private static String replace(String text, boolean keepLines) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 ? !(keepLines && (c == '\n' || c == '\t')) : c >= 0x7F && c <= 0x9F;
            if (!control) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (c < 0x20) {
                b.append((char) (0x2400 + c));
            } else {
                b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b == null ? text : b.toString();
    }
}
