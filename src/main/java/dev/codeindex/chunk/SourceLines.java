package dev.codeindex.chunk;

import java.util.Arrays;

/** Line index over a text: 1-based line access without copying the text per line. */
final class SourceLines {
    private final String text;
    private final int[] starts; // starts[i] = offset of line i+1
    private final int count;
    private final boolean hasCarriageReturn;

    SourceLines(String text) {
        this.text = text;
        int[] s = new int[64];
        int n = 0;
        s[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = s;
        this.count = text.isEmpty() ? 0 : n;
        this.hasCarriageReturn = text.indexOf('\r') >= 0;
    }

    int count() {
        return count;
    }

    /** Line {@code no} (1-based) without its line terminator. */
    String line(int no) {
        return text.substring(starts[no - 1], lineEnd(no));
    }

    /** {@code line(no).length()}, without making the string. */
    int lineLength(int no) {
        return lineEnd(no) - starts[no - 1];
    }

    /** {@code line(no).isBlank()}, without making the string. */
    boolean isBlankLine(int no) {
        return !hasNonBlank(no, no);
    }

    /** Where line {@code no} ends in the text, its terminator ("\n" or "\r\n") excluded. */
    private int lineEnd(int no) {
        int from = starts[no - 1];
        int to = no < count ? starts[no] - 1 : text.length();
        if (to > from && text.charAt(to - 1) == '\n') {
            to--;
        }
        if (to > from && text.charAt(to - 1) == '\r') {
            to--;
        }
        return to;
    }

    /** Lines [from, to] joined with '\n'. */
    String text(int from, int to) {
        if (from > to) {
            return "";
        }
        // without a '\r' in the text, the lines joined with '\n' are the text itself
        int begin = starts[from - 1];
        int end = lineEnd(to);
        if (!hasCarriageReturn) {
            return text.substring(begin, end);
        }
        StringBuilder sb = new StringBuilder(end - begin);
        for (int i = from; i <= to; i++) {
            if (i > from) {
                sb.append('\n');
            }
            sb.append(line(i));
        }
        return sb.toString();
    }

    /** Whether lines [from, to] hold a character that is not whitespace (stops at the first). */
    boolean hasNonBlank(int from, int to) {
        int begin = starts[from - 1];
        int end = to < count ? starts[to] : text.length();
        for (int i = begin; i < end; i++) {
            char c = text.charAt(i);
            // printable ASCII is never whitespace: skip the table look-up for it
            if (c > ' ' && c < 0x7f || !Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    boolean hasAlphanumeric(int from, int to) {
        int begin = starts[from - 1];
        int end = to < count ? starts[to] : text.length();
        for (int i = begin; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
