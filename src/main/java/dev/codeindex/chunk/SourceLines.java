package dev.codeindex.chunk;

import java.util.Arrays;

/** Line index over a text: 1-based line access without copying the text per line. */
final class SourceLines {
    private final String text;
    private final int[] starts; // starts[i] = offset of line i+1
    private final int count;

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
    }

    int count() {
        return count;
    }

    /** Line {@code no} (1-based) without its line terminator. */
    String line(int no) {
        int from = starts[no - 1];
        int to = no < count ? starts[no] - 1 : text.length();
        if (to > from && text.charAt(to - 1) == '\n') {
            to--;
        }
        if (to > from && text.charAt(to - 1) == '\r') {
            to--;
        }
        return text.substring(from, to);
    }

    /** Lines [from, to] joined with '\n'. */
    String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            if (i > from) {
                sb.append('\n');
            }
            sb.append(line(i));
        }
        return sb.toString();
    }

    int nonBlankChars(int from, int to) {
        int n = 0;
        int begin = starts[from - 1];
        int end = to < count ? starts[to] : text.length();
        for (int i = begin; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                n++;
            }
        }
        return n;
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
