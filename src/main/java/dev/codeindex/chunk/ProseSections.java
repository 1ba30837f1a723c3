package dev.codeindex.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sections of a prose file (Markdown, reStructuredText, AsciiDoc): each runs from a heading to the
 * line before the next heading, and the lines before the first heading are a section too. A heading
 * with nothing under it but blank lines joins the section that follows. Markdown headings inside
 * fenced code blocks are not headings.
 */
final class ProseSections {
    static final Set<String> LANGUAGES = Set.of("markdown", "rst", "asciidoc");

    private ProseSections() {}

    /** First lines of the sections, ascending, starting with 1 (empty for an empty file). */
    static List<Integer> starts(SourceLines lines, String language) {
        List<Integer> headings = new ArrayList<>();
        int n = lines.count();
        boolean fenced = false;
        String fence = "";
        for (int i = 1; i <= n; i++) {
            String t = lines.line(i).strip();
            if (language.equals("markdown")) {
                if (t.startsWith("```") || t.startsWith("~~~")) {
                    String f = t.substring(0, 3);
                    if (!fenced) {
                        fenced = true;
                        fence = f;
                    } else if (f.equals(fence)) {
                        fenced = false;
                    }
                    continue;
                }
                if (fenced) {
                    continue;
                }
                if (atxHeading(t, '#') || i < n && isSetextUnderline(lines.line(i + 1).strip()) && isText(lines, i)) {
                    headings.add(i);
                }
            } else if (language.equals("asciidoc")) {
                if (atxHeading(t, '=')) {
                    headings.add(i);
                }
            } else if (i < n && isText(lines, i) && isRstUnderline(lines.line(i + 1).strip(), t)) {
                boolean overline = i > 1 && isRstUnderline(lines.line(i - 1).strip(), t);
                headings.add(overline ? i - 1 : i);
            }
        }
        List<Integer> starts = new ArrayList<>();
        if (n == 0) {
            return starts;
        }
        starts.add(1);
        for (int h : headings) {
            if (h > starts.get(starts.size() - 1)) {
                starts.add(h);
            }
        }
        // a section that holds only its heading (and blank lines) joins the next one
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            out.add(starts.get(k));
            if (k + 1 < starts.size() && !hasContentAfterHeading(lines, starts.get(k), starts.get(k + 1) - 1)) {
                k++;
            }
        }
        return out;
    }

    private static boolean hasContentAfterHeading(SourceLines lines, int from, int to) {
        int body = from + 1;
        // a setext or rst heading spans its underline (and overline) too
        while (body <= to && body <= from + 2 && isUnderlineLike(lines.line(body).strip())) {
            body++;
        }
        return body <= to && lines.hasNonBlank(body, to);
    }

    private static boolean atxHeading(String t, char mark) {
        int i = 0;
        while (i < t.length() && t.charAt(i) == mark) {
            i++;
        }
        return i >= 1 && i <= 6 && i < t.length() && t.charAt(i) == ' ';
    }

    private static boolean isText(SourceLines lines, int i) {
        String t = lines.line(i).strip();
        return !t.isEmpty() && !isUnderlineLike(t) && (i == 1 || lines.isBlankLine(i - 1)
                || isUnderlineLike(lines.line(i - 1).strip()));
    }

    private static boolean isSetextUnderline(String t) {
        return t.length() >= 3 && (t.chars().allMatch(c -> c == '=') || t.chars().allMatch(c -> c == '-'));
    }

    private static boolean isRstUnderline(String u, String title) {
        return u.length() >= Math.max(3, title.length()) && isUnderlineLike(u);
    }

    /** A line of one punctuation character repeated ({@code =====}, {@code -----}, {@code ~~~~}). */
    private static boolean isUnderlineLike(String t) {
        if (t.length() < 3) {
            return false;
        }
        char c = t.charAt(0);
        return "=-~^\"'`#*+:.<>_".indexOf(c) >= 0 && t.chars().allMatch(x -> x == c);
    }
}
