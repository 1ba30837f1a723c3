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
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where a name is used in one root: each line that holds it as a whole identifier (case as given, not
 * as a part of a longer identifier), with the innermost definition the line sits in, which is what a
 * plain text search cannot say. By name only: {@code HashMap.resize} finds every {@code resize}, of
 * any type, and a name inside a comment or string counts as a use.
 *
 * <p>Candidates come from the keyword index: the files whose chunks hold the name as an identifier (the
 * index's tokens are whole identifiers and their words, lower-cased). Each candidate is read as it is now
 * through {@link CodeLookup#view}, so what is shown is what the file says (secrets redacted, excluded
 * files never shown) and a file changed since it was indexed is matched as it is. A file the index does
 * not hold yet (new, or waiting for a pass) is not a candidate. A store without a keyword index (Qdrant)
 * or an offline root is answered by reading every file the walk would index that holds the name's bytes.
 *
 * <p>Threading: stateless; any thread.
 */
final class ReferenceFinder {
    /** The most chunks whose files are taken as candidates: a name held by more is listed in part. */
    static final int MAX_POINTS = 20_000;

    /**
     * What one root gave.
     *
     * @param files    files whose index holds the name (when reading the tree: files holding its letters, maybe
     *                 inside a longer identifier only)
     * @param complete every candidate was read and every reference listed
     * @param note     how the look went when not through the keyword index, else null
     */
    record Found(List<Reference> references, long files, boolean complete, String note) {}

    private final CodeLookup lookup;
    private final VectorStore store;

    ReferenceFinder(CodeLookup lookup, VectorStore store) {
        this.lookup = lookup;
        this.store = store;
    }

    /**
     * @param name a name as {@link Searcher#symbolName} reads it; its last part is matched
     * @param k    1 to {@link Searcher#MAX_K}
     * @throws IllegalArgumentException for a bad name, k, language or glob
     */
    Found find(String name, int k, String language, String pathGlob) {
        String word = lastPart(name);
        if (k < 1 || k > Searcher.MAX_K) {
            throw new IllegalArgumentException("k must be from 1 to " + Searcher.MAX_K + ", got " + k);
        }
        Searcher.Scope scope = Searcher.scope(language, pathGlob);
        VectorStore.Mentions mentions = store == null ? null : store.pathsMentioning(word, MAX_POINTS, scope.filter());
        if (mentions == null) {
            return byReading(word, k, scope);
        }
        Pattern use = use(word);
        List<Reference> out = new ArrayList<>();
        long files = 0;
        boolean complete = mentions.complete();
        for (String rel : inOrder(mentions.paths())) {
            if (!scope.admits(rel)) {
                continue;
            }
            files++;
            if (out.size() >= k) {
                complete = false; // a file left unread
                continue;
            }
            complete &= collect(rel, word, use, k, out, scope.filter().language());
        }
        return new Found(out, files, complete, null);
    }

    /**
     * Source first, then docs, vendored code and tests ({@link PathTier}, as a first index embeds them),
     * in path order within each: a name's uses in code came after a README's mentions of it (a try).
     */
    static List<String> inOrder(java.util.Collection<String> paths) {
        return paths.stream().sorted(java.util.Comparator.comparing((String p) -> PathTier.of(p,
                Languages.detect(p, null, 0))).thenComparing(p -> p)).toList();
    }

    /** Every file the walk would index, read for the name: for a store that has no keyword index. */
    private Found byReading(String word, int k, Searcher.Scope scope) {
        byte[] needle = word.getBytes(StandardCharsets.UTF_8);
        TreeSet<String> holding = new TreeSet<>();
        try {
            lookup.walker().walk(new WalkVisitor() {
                @Override
                public void onFile(FileStat stat) {
                    if (scope.admits(stat.relPath()) && stat.size() <= CodeLookup.MAX_FILE_BYTES
                            && holds(stat, needle, scope.filter().language())) {
                        holding.add(stat.relPath());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern use = use(word);
        List<Reference> out = new ArrayList<>();
        boolean complete = true;
        for (String rel : inOrder(holding)) {
            complete &= out.size() < k && collect(rel, word, use, k, out, scope.filter().language());
        }
        return new Found(out, holding.size(), complete, "this index has no keyword index ("
                + (store == null ? "offline" : "the store has none") + "): every file was read for the name");
    }

    /** Whether the file holds the name's bytes anywhere (a word of a longer identifier too), in the language asked for. */
    private static boolean holds(FileStat stat, byte[] needle, String language) {
        try {
            byte[] bytes = Files.readAllBytes(stat.path());
            if (language != null && !language.equals(
                    Languages.detect(stat.relPath(), bytes, Math.min(bytes.length, Languages.BINARY_PROBE_BYTES)))) {
                return false;
            }
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) { // gone or unreadable since the walk listed it: nothing to show
            return false;
        }
    }

    /**
     * Adds the references of {@code rel} until {@code out} holds k.
     *
     * @return false when k cut the file's references short
     */
    private boolean collect(String rel, String word, Pattern use, int k, List<Reference> out, String language) {
        CodeLookup.FileView f;
        try {
            f = lookup.view(rel);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return true; // excluded now, gone, binary or too large: nothing of it is shown
        }
        if (language != null && !language.equals(f.language())) {
            return true;
        }
        List<String> lines = f.lines();
        java.util.Set<CodeLookup.Piece> defined = new java.util.HashSet<>();
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
            // the first line naming it in a definition of that name defines it; later ones use it (recursion)
            boolean definition = symbol && e.chosen().isDefinition() && lastPart(e.symbol()).equals(word)
                    && defined.add(e.chosen());
            out.add(new Reference(null, rel, i + 1, text(line), symbol ? e.symbol() : "", symbol ? e.kind() : "",
                    symbol ? e.start() : i + 1, symbol ? e.end() : i + 1, definition));
        }
        return true;
    }

    private static String text(String line) {
        String t = line.strip();
        return t.length() <= Reference.MAX_TEXT ? t : t.substring(0, Reference.MAX_TEXT) + "…";
    }

    /** The name alone, not inside a longer identifier (letters, digits, _ and $ around it). */
    static Pattern use(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_$])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}_$])");
    }

    /** A symbol's or name's last dotted part: {@code HashMap.resize} gives {@code resize}. */
    static String lastPart(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
