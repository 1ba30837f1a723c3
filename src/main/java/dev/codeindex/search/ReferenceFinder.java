package dev.codeindex.search;

import dev.codeindex.api.Reference;
import dev.codeindex.store.VectorStore;
import dev.codeindex.walk.FileStat;
import dev.codeindex.walk.Languages;
import dev.codeindex.walk.PathTier;
import dev.codeindex.walk.WalkVisitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where a name is used in one root: each line that holds it as a whole identifier (case as given, not
 * as a part of a longer identifier), with the innermost definition the line sits in, which is what a
 * plain text search cannot say. By name only: {@code HashMap.resize} finds every {@code resize}, of
 * any type, and a name inside a comment or string counts as a use.
 *
 * <p>Candidates come from the keyword index: the files whose chunks hold the name as an identifier or
 * as a word of one, in any case (the index's tokens are whole identifiers and their words, lower-cased).
 * Each candidate is read as it is now and matched exactly; one that holds a use goes through
 * {@link CodeLookup#view}, so what is shown is what the file says (secrets redacted, excluded files never
 * shown). A file the index does not hold yet (new, or waiting for a pass) is not a candidate. A store
 * without a keyword index (Qdrant) or an offline root is answered by reading the files the walk would
 * index, up to {@link #MAX_READ_BYTES} a request.
 *
 * <p>Threading: stateless; any thread.
 */
final class ReferenceFinder {
    /** The most chunks whose files are taken as candidates: a name held by more is listed in part. */
    static final int MAX_POINTS = 20_000;
    /** The most bytes of files read for one request without a keyword index. */
    static final long MAX_READ_BYTES = 256L << 20;
    /** Languages where {@code $} marks a variable rather than belonging to its name: {@code $HOME}, {@code $count}. */
    private static final Set<String> SIGILS = Set.of("shell", "php", "perl", "makefile", "tcl", "powershell");

    /**
     * What one root gave.
     *
     * @param files      files with a reference listed
     * @param candidates files that may hold the name: their index holds it in some case or as a word of a longer
     *                   identifier (when reading the tree: their bytes hold it)
     * @param complete   every candidate was read and every reference listed
     * @param notes      how the look went, when anything is worth saying
     */
    record Found(List<Reference> references, long files, long candidates, boolean complete, List<String> notes) {}

    private final CodeLookup lookup;
    private final VectorStore store;

    ReferenceFinder(CodeLookup lookup, VectorStore store) {
        this.lookup = lookup;
        this.store = store;
    }

    /**
     * @param word an identifier (a qualified name's last part)
     * @param k    1 to {@link Searcher#MAX_K}
     * @throws IllegalArgumentException for a bad k, language or glob
     */
    Found find(String word, int k, String language, String pathGlob) {
        if (k < 1 || k > Searcher.MAX_K) {
            throw new IllegalArgumentException("k must be from 1 to " + Searcher.MAX_K + ", got " + k);
        }
        Searcher.Scope scope = Searcher.scope(language, pathGlob);
        VectorStore.Mentions mentions = store == null ? null : store.pathsMentioning(word, MAX_POINTS, scope.filter());
        if (mentions == null) {
            return byReading(word, k, scope);
        }
        List<String> candidates = inOrder(mentions.paths().stream().filter(scope::admits).toList());
        List<String> notes = new ArrayList<>();
        if (!mentions.complete()) {
            notes.add("more than " + MAX_POINTS + " chunks hold `" + word + "` or a word like it: the references come"
                    + " from some of their files only; narrow with a path or a language");
        }
        return collect(word, k, scope.filter().language(), candidates, mentions.complete(), notes);
    }

    /**
     * Source first, then docs, vendored code and tests ({@link PathTier}, as a first index embeds them),
     * in path order within each: a name's uses in code came after a README's mentions of it (a try).
     */
    static List<String> inOrder(Collection<String> paths) {
        return paths.stream().sorted(Comparator.comparing((String p) -> PathTier.of(p, Languages.detect(p, null, 0)))
                .thenComparing(p -> p)).toList();
    }

    /** The files the walk would index whose bytes hold the name: for a store that has no keyword index. */
    private Found byReading(String word, int k, Searcher.Scope scope) {
        byte[] needle = word.getBytes(StandardCharsets.UTF_8);
        boolean ascii = needle.length == word.length();
        TreeSet<String> holding = new TreeSet<>();
        long[] read = {0};
        boolean[] stopped = {false};
        try {
            lookup.walker().walk(new WalkVisitor() {
                @Override
                public void onFile(FileStat stat) {
                    if (stopped[0] || !scope.admits(stat.relPath()) || stat.size() > CodeLookup.MAX_FILE_BYTES) {
                        return;
                    }
                    if (read[0] + stat.size() > MAX_READ_BYTES) {
                        stopped[0] = true;
                        return;
                    }
                    read[0] += stat.size();
                    byte[] bytes = readBytes(stat);
                    CodeLookup.Source s = bytes == null ? null : source(stat.relPath(), bytes, scope.filter().language());
                    if (s != null && (ascii || s.text().contains(word))) {
                        holding.add(stat.relPath());
                    }
                }

                /** The bytes, when they hold the name's (a non-ASCII name is looked for in the decoded text). */
                private byte[] readBytes(FileStat stat) {
                    try {
                        byte[] bytes = Files.readAllBytes(stat.path());
                        return !ascii || indexOf(bytes, needle) >= 0 ? bytes : null;
                    } catch (IOException e) { // gone or unreadable since the walk listed it: nothing to show
                        return null;
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> notes = new ArrayList<>();
        notes.add("no keyword index to read (" + (store == null ? "nothing indexed yet, or an offline index"
                : "the store has none") + "): the files were read for the name");
        if (stopped[0]) {
            notes.add("stopped after reading " + (MAX_READ_BYTES >> 20) + " MB of files: the references come from"
                    + " those only; narrow with a path or a language, or index with the embedded store");
        }
        return collect(word, k, scope.filter().language(), inOrder(holding), !stopped[0], notes);
    }

    /**
     * The references of the candidates, in order, until k are listed.
     *
     * @param known the candidates are all the files that may hold the name
     */
    private Found collect(String word, int k, String language, List<String> candidates, boolean known, List<String> notes) {
        List<Reference> out = new ArrayList<>();
        long files = 0;
        boolean complete = known;
        for (String rel : candidates) {
            if (out.size() >= k) {
                complete = false; // a candidate left unread
                break;
            }
            CodeLookup.Source s;
            try {
                s = lookup.source(rel);
            } catch (IllegalArgumentException e) {
                continue; // gone, unreadable, binary or too large: nothing of it is shown
            }
            if (language != null && !language.equals(s.language()) || !s.text().contains(word)
                    || !use(word, s.language()).matcher(s.text()).find()) {
                continue; // the name in another case, or inside a longer identifier only: nothing to view
            }
            CodeLookup.FileView f;
            try {
                f = lookup.view(rel, s); // the file as read: once, whether it holds a use or not
            } catch (IllegalArgumentException | UncheckedIOException e) {
                continue; // excluded now: nothing of it is shown
            }
            int before = out.size();
            boolean all = collect(f, word, k, out);
            files += out.size() > before ? 1 : 0;
            if (!all) {
                complete = false;
                break;
            }
        }
        return new Found(out, files, candidates.size(), complete, notes);
    }

    /** The source of a file's bytes, or null: binary, or not of {@code language} (when given). */
    private static CodeLookup.Source source(String rel, byte[] bytes, String language) {
        try {
            CodeLookup.Source s = CodeLookup.source(rel, bytes);
            return language == null || language.equals(s.language()) ? s : null;
        } catch (IllegalArgumentException e) { // binary
            return null;
        }
    }

    /**
     * Adds the references of {@code f} until {@code out} holds k.
     *
     * @return false when k cut the file's references short
     */
    private static boolean collect(CodeLookup.FileView f, String word, int k, List<Reference> out) {
        Pattern use = use(word, f.language());
        List<String> lines = f.lines();
        Set<String> defined = new HashSet<>(); // definitions of the name whose defining line was seen
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains(word) || !use.matcher(line).find()) {
                continue;
            }
            if (out.size() >= k) {
                return false;
            }
            CodeLookup.Enclosing e = f.enclosing(i + 1);
            boolean symbol = e.chosen() != null && !e.symbol().isEmpty();
            // the first line that names it, past the comments and decorators (@weeks.setter), in a definition of that
            // name defines it (the windows of a long one are one definition); later lines use it (a recursive call)
            boolean definition = symbol && e.chosen().isDefinition() && lastPart(e.symbol()).equals(word)
                    && !isComment(line) && !DECORATOR_LINE.matcher(line).matches()
                    && defined.add(e.symbol() + "\0" + e.start() + "\0" + e.end());
            out.add(new Reference(null, f.rel(), i + 1, text(line), symbol ? e.symbol() : "", symbol ? e.kind() : "",
                    symbol ? e.start() : i + 1, symbol ? e.end() : i + 1, definition));
        }
        return true;
    }

    /** A line of decorators or annotations only ({@code @weeks.setter}); one that goes on to declare is not. */
    private static final Pattern DECORATOR_LINE = Pattern.compile("\\s*(@[\\w.$]+(\\([^)]*\\))?\\s*)+");

    /** A line that is a comment, or inside one: {@code //}, {@code /*}, {@code *}, {@code #} and a space, {@code --}, a docstring's quotes. */
    static boolean isComment(String line) {
        String t = line.strip();
        return t.startsWith("//") || t.startsWith("/*") || t.startsWith("*") || t.startsWith("--") || t.startsWith("\"\"\"")
                || t.startsWith("'''") || t.equals("#") || t.startsWith("# ") || t.startsWith("#!") || t.startsWith("##");
    }

    private static String text(String line) {
        String t = line.strip();
        return t.length() <= Reference.MAX_TEXT ? t : t.substring(0, Reference.MAX_TEXT) + "…";
    }

    /**
     * The name alone, not inside a longer identifier (letters, digits and {@code _} around it, and {@code $} but in
     * languages where it marks a variable: {@code $count} uses {@code count} in PHP, not in JavaScript).
     */
    static Pattern use(String word, String language) {
        boolean sigil = language != null && SIGILS.contains(language) && !word.startsWith("$");
        String around = sigil ? "[\\p{L}\\p{N}_]" : "[\\p{L}\\p{N}_$]";
        return Pattern.compile("(?<!" + around + ")" + Pattern.quote(word) + "(?!" + around + ")");
    }

    /** A symbol's or name's last dotted part: {@code HashMap.resize} gives {@code resize}. */
    static String lastPart(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
