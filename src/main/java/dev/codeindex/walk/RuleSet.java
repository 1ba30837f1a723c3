package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one ignore source, in file order, matched exactly as JGit's {@code
 * IgnoreNode.checkIgnored(String, boolean)} does (last matching rule wins; each rule matched by
 * {@link IgnorePattern#matches}).
 *
 * <p>Why not an {@code IgnoreNode}: it tries every rule on every path, and a tree's ignore files
 * plus the built-in lists hold a few hundred rules, most of them a plain name ({@code
 * node_modules}, {@code Cargo.lock}) or {@code *.ext}. This class indexes those by the name or
 * extension they require and tries only the rules that could match, in the same order. The index
 * is a necessary condition only (a plain-name rule cannot match an entry with another name), so
 * the answer is always JGit's; a test compares both on random rules and paths.
 *
 * <p>Immutable and thread-safe once built.
 */
final class RuleSet {
    private static final int[] NONE = new int[0];

    private final IgnorePattern[] rules;
    private final String[] patterns;
    /** Indexes of rules that only match an entry with exactly this name. */
    private final Map<String, int[]> byName;
    /** Indexes of {@code *.ext} rules, by the extension they require. */
    private final Map<String, int[]> byExtension;
    /** Indexes of all other rules. */
    private final int[] anyName;
    /** Per rule, a literal that every name it matches contains, or null. */
    private final String[] needles;
    /**
     * Per rule whose last segment has only literals and the wildcards '*' and '?': the literal
     * before its first wildcard and the one after its last, with which every name it matches
     * starts and ends ({@code .env.*} → ".env.", ""; {@code *~} → "", "~"); null otherwise.
     */
    private final String[] prefixes;
    private final String[] suffixes;

    private RuleSet(List<IgnorePattern> rules, List<String> patterns) {
        this.rules = rules.toArray(new IgnorePattern[0]);
        this.patterns = patterns.toArray(new String[0]);
        Map<String, List<Integer>> names = new HashMap<>();
        Map<String, List<Integer>> exts = new HashMap<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < this.patterns.length; i++) {
            String body = body(this.patterns[i]);
            if (body != null && isPlain(body, 0)) {
                names.computeIfAbsent(body, k -> new ArrayList<>()).add(i);
            } else if (body != null && body.length() > 1 && body.charAt(0) == '*' && isPlain(body, 1)
                    && body.lastIndexOf('.') > 0 && body.lastIndexOf('.') < body.length() - 1) {
                exts.computeIfAbsent(body.substring(body.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(i);
            } else {
                other.add(i);
            }
        }
        this.byName = frozen(names);
        this.byExtension = frozen(exts);
        this.anyName = toArray(other);
        this.needles = new String[this.patterns.length];
        this.prefixes = new String[this.patterns.length];
        this.suffixes = new String[this.patterns.length];
        for (int i : anyName) {
            String body = body(this.patterns[i]);
            needles[i] = needle(body);
            String segment = body == null ? null : body.substring(body.lastIndexOf('/') + 1);
            if (segment != null && isSimpleGlob(segment)) {
                int first = firstWildcard(segment);
                int last = Math.max(segment.lastIndexOf('*'), segment.lastIndexOf('?'));
                prefixes[i] = first < 0 ? segment : segment.substring(0, first);
                suffixes[i] = last < 0 ? segment : segment.substring(last + 1);
                if (needles[i] != null && (needles[i].equals(prefixes[i]) || needles[i].equals(suffixes[i]))) {
                    needles[i] = null; // implied by the prefix or suffix
                }
            }
        }
    }

    /** The valid rules among {@code lines} (ignore-file syntax), or null when there are none. */
    static RuleSet of(List<String> lines) {
        List<IgnorePattern> rules = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            // the line filter of IgnoreNode.parse
            if (line.isEmpty() || line.startsWith("#") || line.equals("/")) {
                continue;
            }
            IgnorePattern rule = IgnorePattern.compile(line);
            if (rule != null) {
                rules.add(rule);
                kept.add(line);
            }
        }
        return rules.isEmpty() ? null : new RuleSet(rules, kept);
    }

    /** Reads an ignore file (UTF-8, a leading byte-order mark skipped as git does). */
    static RuleSet read(Path file) throws IOException {
        // one read and one strict decode (bad UTF-8 throws, as a reader would): a buffered reader
        // costs two 8 KB buffers per file, and a tree holds hundreds of small ignore files
        String text = UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        List<String> lines = new ArrayList<>();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        while (start < n) { // lines end at \n, \r or \r\n, as BufferedReader.readLine has them
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lines.add(text.substring(start, end));
            start = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
        }
        return of(lines);
    }

    /** {@code low}'s rules followed by {@code high}'s, so that {@code high} wins; nulls allowed. */
    static RuleSet concat(RuleSet low, RuleSet high) {
        if (low == null || high == null) {
            return low == null ? high : low;
        }
        List<String> lines = new ArrayList<>(List.of(low.patterns));
        lines.addAll(List.of(high.patterns));
        return of(lines);
    }

    /** {@link #check(String, boolean, String, String)} for callers that have only the path. */
    Boolean check(String path, boolean isDir) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return check(path, isDir, name, extension(name));
    }

    /** The text after the last dot of an entry name, or null; what {@code check} expects. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot + 1);
    }

    /**
     * IgnoreNode's answer for {@code path} (relative to this source's directory): TRUE ignored,
     * FALSE re-included by a negation, null when no rule matches.
     *
     * @param name the last segment of {@code path}
     * @param ext  the text after the last dot of {@code name}, or null when it has none
     */
    Boolean check(String path, boolean isDir, String name, String ext) {
        int[] a = anyName;
        int[] b = byName.getOrDefault(name, NONE);
        int[] c = ext == null ? NONE : byExtension.getOrDefault(ext, NONE);
        int ia = a.length - 1;
        int ib = b.length - 1;
        int ic = c.length - 1;
        while (ia >= 0 || ib >= 0 || ic >= 0) {
            int i = Math.max(ia >= 0 ? a[ia] : -1, Math.max(ib >= 0 ? b[ib] : -1, ic >= 0 ? c[ic] : -1));
            if (ia >= 0 && a[ia] == i) {
                ia--;
            } else if (ib >= 0 && b[ib] == i) {
                ib--;
            } else {
                ic--;
            }
            String prefix = prefixes[i];
            if (prefix != null && !(name.startsWith(prefix) && name.endsWith(suffixes[i]))) {
                continue;
            }
            String needle = needles[i];
            if (needle != null && !name.contains(needle)) {
                continue;
            }
            IgnorePattern rule = rules[i];
            if (rule.matches(path, isDir)) {
                return rule.ignores();
            }
        }
        return null;
    }

    /** The pattern without '!', a leading '/' and a trailing '/', or null if nothing is left. */
    private static String body(String pattern) {
        int start = pattern.startsWith("!") ? 1 : 0;
        if (pattern.startsWith("/", start)) {
            start++;
        }
        int end = pattern.endsWith("/") ? pattern.length() - 1 : pattern.length();
        return start < end ? pattern.substring(start, end) : null;
    }

    /**
     * The longest literal run of a glob's last segment ({@code *.tab.[ch]} → {@code .tab.}), which
     * every matching name contains; null when there is none or the segment holds {@code **}. Runs
     * end at wildcards, escapes and blanks, and nothing after a '[' is used.
     */
    private static String needle(String pattern) {
        // a pattern with a '/' matches the whole path, so its last segment matches the name
        String body = pattern == null ? null : pattern.substring(pattern.lastIndexOf('/') + 1);
        if (body == null || body.contains("**")) {
            return null;
        }
        String best = null;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char ch = i < body.length() ? body.charAt(i) : '[';
            if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\' || ch == '!'
                    || Character.isWhitespace(ch)) {
                if (i > start && (best == null || i - start > best.length())) {
                    best = body.substring(start, i);
                }
                if (ch == '[') {
                    break;
                }
                start = i + 1;
            }
        }
        return best;
    }

    /** Only literal characters and the wildcards '*' and '?', no "**". */
    private static boolean isSimpleGlob(String segment) {
        if (segment.isEmpty() || segment.contains("**")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char ch = segment.charAt(i);
            if (ch == '[' || ch == ']' || ch == '\\' || ch == '/' || ch == '!' || Character.isWhitespace(ch)) {
                return false;
            }
        }
        return true;
    }

    private static int firstWildcard(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char ch = segment.charAt(i);
            if (ch == '*' || ch == '?') {
                return i;
            }
        }
        return -1;
    }

    /** No wildcard, escape, separator or blank from {@code from} on: JGit compares it literally. */
    private static boolean isPlain(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\' || ch == '/'
                    || ch == '!' || Character.isWhitespace(ch)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, int[]> frozen(Map<String, List<Integer>> map) {
        Map<String, int[]> out = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : map.entrySet()) {
            out.put(e.getKey(), toArray(e.getValue()));
        }
        return out;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
