package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.Reference;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.config.Config;
import dev.codeindex.daemon.ApiViews;
import dev.codeindex.config.ConfigException;
import dev.codeindex.config.Key;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.SearchHit;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeindex search QUERY}: the chunks nearest in meaning to the query. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find code by meaning in an index built by 'codeindex index ROOT' or kept by 'codeindex watch'.",
                "A running watch daemon that watches ROOT answers; otherwise the index on disk does."})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "QUERY", description = "What you are looking for, in words or an identifier.")
    String query;

    @Option(names = "--root", paramLabel = "DIR", description = {"The indexed root, or any directory inside one (default: .):",
            "the deepest root a running watch daemon keeps that contains DIR, else its nearest indexed ancestor."})
    Path root = Path.of(".");

    @Option(names = "--here", description = "Only paths under DIR when DIR is inside the root (with --path: the glob is relative to DIR).")
    boolean here;

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: 10; with --references 50 lines).")
    Integer given;

    /** The results asked for: -k, else the default of the kind of search. */
    private int k;

    @Option(names = "--lang", paramLabel = "LANG", description = "Only this language (java, python, …).")
    String lang;

    @Option(names = "--path", paramLabel = "GLOB", description = "Only paths matching this glob (e.g. 'src/main/**').")
    String pathGlob;

    @Option(names = "--symbol", description = {"QUERY is a symbol's name (HashMap.resize, parse_args): show its"
            + " definitions, the exact name first, instead of searching by meaning."})
    boolean symbol;

    @Option(names = "--references", description = {"QUERY is a name (parse_args, HashMap.resize: its last part): list"
            + " the lines that use it as a whole identifier, each with the definition it sits in, file by file."})
    boolean references;

    @Option(names = "--store", paramLabel = "embedded|qdrant", description = "The store ROOT was indexed into (default: embedded).")
    String store;

    @Option(names = "--qdrant-url", paramLabel = "URL", description = "Qdrant gRPC URL, e.g. http://localhost:6334.")
    String qdrantUrl;

    @Option(names = "--collection", paramLabel = "NAME", description = "The collection ROOT was indexed into, if named.")
    String collection;

    @Override
    public Integer call() throws Exception {
        k = given != null ? given : references ? ReferencesRequest.DEFAULT_K : 10;
        if (k < 1 || k > Searcher.MAX_K) {
            throw new ConfigException("-k must be from 1 to " + Searcher.MAX_K + ", got " + k);
        }
        if (symbol && (lang != null || pathGlob != null)) {
            throw new ConfigException("--symbol takes neither --lang nor --path");
        }
        if (symbol && references) {
            throw new ConfigException("give --symbol (where a name is defined) or --references (where it is used), not both");
        }
        if (query == null || query.isBlank()) { // said the same with a daemon or without
            throw new ConfigException("the query is empty: give words or a name to search for");
        }
        Config config = common.load(flags());
        RootFinder.Found found = RootFinder.find(root, config.dataDir());
        Path absRoot = found.root();
        found.note("searching").ifPresent(System.err::println);
        if (here && found.fromInside()) {
            pathGlob = found.relative() + "/" + (pathGlob == null ? "**" : pathGlob);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (references) {
            ReferencesAnswer a = askDaemon(config, absRoot).map(SearchCommand::referencesOrError)
                    .orElseGet(() -> localReferences(config, absRoot));
            out.println(common.json ? ApiJson.references(a) : text(a));
            return Main.OK;
        }
        Optional<JsonNode> live = askDaemon(config, absRoot);
        if (live.isPresent()) {
            JsonNode answer = live.get();
            if (answer.has("error")) {
                throw new ConfigException(answer.path("error").asText());
            }
            out.println(common.json ? answer.toString() : text(ApiJson.readSearch(answer)));
            return Main.OK;
        }
        List<SearchHit> hits;
        LocalIndex.Peek peek;
        List<String> notes = new java.util.ArrayList<>();
        try (LocalIndex index = LocalIndex.open(config, absRoot)) {
            hits = symbol ? index.findSymbol(query, k) : index.search(query, k, lang, pathGlob, notes::add);
            peek = index.peek();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        notes.addAll(LocalIndex.goneNotes(absRoot, hits));
        SearchAnswer local = new SearchAnswer(hits.stream().map(h -> ApiViews.result(h, absRoot.toString())).toList(),
                peek.pending(), peek.coverage(), notes);
        out.println(common.json ? ApiJson.search(local) : text(local));
        return Main.OK;
    }

    private static ReferencesAnswer referencesOrError(JsonNode answer) {
        if (answer.has("error")) {
            throw new ConfigException(answer.path("error").asText());
        }
        return ApiJson.readReferences(answer);
    }

    /**
     * From the index on disk; with none that can be opened (nothing indexed, an offline index), from the
     * files themselves, as {@link CodeLookup#references} reads them without a keyword index.
     */
    private ReferencesAnswer localReferences(Config config, Path absRoot) {
        CodeLookup.References found;
        LocalIndex.Peek peek;
        try (LocalIndex index = LocalIndex.open(config, absRoot)) {
            found = LocalIndex.lookup(config, absRoot, index).references(query, k, lang, pathGlob);
            peek = index.peek();
        } catch (ConfigException e) {
            try {
                found = LocalIndex.lookup(config, absRoot, null).references(query, k, lang, pathGlob);
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(bad.getMessage());
            }
            return new ReferencesAnswer(found.name(), roots(found, absRoot), found.files(), found.candidates(),
                    found.complete(), 0, null,
                    List.of("no keyword index of " + absRoot + " in " + config.dataDir() + " to read (nothing indexed, or"
                            + " indexed --offline): every file was read for the name; `codeindex index " + absRoot
                            + "` builds one"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        List<String> notes = new java.util.ArrayList<>(LocalIndex.goneNotes(absRoot, List.of()));
        notes.addAll(found.notes());
        return new ReferencesAnswer(found.name(), roots(found, absRoot), found.files(), found.candidates(),
                found.complete(), peek.pending(), peek.coverage(), notes);
    }

    private static List<Reference> roots(CodeLookup.References found, Path absRoot) {
        return found.references().stream().map(r -> r.withRoot(absRoot.toString())).toList();
    }

    private Map<Key, String> flags() {
        Map<Key, String> f = new EnumMap<>(Key.class);
        if (store != null) {
            f.put(Key.STORE, store);
        }
        if (qdrantUrl != null) {
            f.put(Key.QDRANT_URL, qdrantUrl);
        }
        if (collection != null) {
            f.put(Key.COLLECTION, collection);
        }
        return f;
    }

    /**
     * The answer of a running {@code watch} daemon that watches ROOT: it knows what is pending and
     * its store is current. Empty when there is none, or it does not answer.
     */
    private Optional<JsonNode> askDaemon(Config config, Path absRoot) {
        for (RunningDaemons.Running d : RunningDaemons.of(config.dataDir())) {
            if (!d.watches(absRoot)) {
                continue;
            }
            StringBuilder q = new StringBuilder(references ? "/references?k=" : symbol ? "/symbols?k=" : "/search?k=")
                    .append(k).append(symbol || references ? "&name=" : "&q=").append(enc(query)).append("&root=").append(enc(absRoot.toString()));
            if (lang != null) {
                q.append("&lang=").append(enc(lang));
            }
            if (pathGlob != null) {
                q.append("&path=").append(enc(pathGlob));
            }
            var answer = RunningDaemons.get(d, q.toString(), config.watch().token());
            // a daemon's answer has results or an error; anything else is another program on a port a stale daemon
            // file names (its pid alive again as another process): the index on disk answers instead
            if (answer.isPresent() && (answer.get().path(references ? "references" : "results").isArray()
                    || answer.get().has("error"))) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The line that shows a hit best: its first line of code (not a comment, an annotation or the
     * snippet's closing ellipsis), else its first line with words in it (a chunk that is all doc
     * comment, or a markdown section), else its first line.
     */
    static String preview(String snippet) {
        List<String> lines = snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream()
                .filter(l -> !l.startsWith("@") && !l.startsWith("/*") && !l.startsWith("*") && !l.startsWith("//")
                        && !l.startsWith("#") && words(l))
                .findFirst()
                .or(() -> lines.stream().filter(SearchCommand::words).findFirst())
                .orElse(lines.isEmpty() ? "" : lines.get(0));
    }

    private static boolean words(String line) {
        return line.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** One line per reference, grep's {@code path:line} first, then the definition it sits in and the line. */
    String text(ReferencesAnswer a) {
        StringBuilder sb = new StringBuilder();
        for (Reference r : a.references()) {
            String in = r.symbol().isEmpty() ? "" : "  [" + TerminalText.oneLine(r.symbol()) + " " + r.startLine() + "-"
                    + r.endLine() + (r.definition() ? ", defines it" : "") + "]";
            String line = r.text().length() > 120 ? r.text().substring(0, 120) + "…" : r.text();
            sb.append(TerminalText.oneLine(r.path())).append(':').append(r.line()).append(in).append("  ")
                    .append(TerminalText.oneLine(line)).append('\n');
        }
        String name = TerminalText.oneLine(a.name());
        if (a.references().isEmpty() && !a.complete()) {
            sb.append("The look stopped before any use of ").append(name).append(" was found (see the notes): narrow with"
                    + " --path or --lang.\n");
        } else if (a.references().isEmpty()) {
            sb.append("No line uses ").append(name).append(" as a whole identifier (the case must match)")
                    .append(a.candidates() > 0 ? "; " + count(a.candidates(), "file") + " hold" + (a.candidates() == 1 ? "s" : "")
                            + " it in another case or inside a longer identifier.\n" : ".\n");
        } else if (!a.complete()) {
            sb.append(a.references().size() == 1 ? "The first reference" : "The first " + a.references().size() + " references")
                    .append(", in ").append(a.files()).append(" of the ").append(count(a.candidates(), "file"))
                    .append(" that may hold ").append(name).append(a.references().size() < k
                            ? ": the look stopped short of -k (see the notes).\n"
                            : ": raise -k, or narrow with --path or --lang.\n");
        } else {
            sb.append(a.references().size()).append(a.references().size() == 1 ? " reference" : " references")
                    .append(" in ").append(a.files()).append(a.files() == 1 ? " file.\n" : " files.\n");
        }
        for (String note : a.notes()) {
            sb.append("Note: ").append(note).append('\n');
        }
        String coverage = CoverageText.line(a.coverage());
        if (coverage != null) {
            sb.append(coverage).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String text(SearchAnswer answer) {
        List<SearchResult> hits = answer.results();
        long pending = answer.pending();
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (SearchResult h : hits) {
            String first = preview(h.snippet());
            sb.append(String.format(Locale.ROOT, "%2d. %s:%d-%d  %s  (%.3f)%n      %s%n", n++, TerminalText.oneLine(h.path()),
                    h.startLine(), h.endLine(), TerminalText.oneLine(h.symbol()), h.score(),
                    TerminalText.oneLine(first.length() > 100 ? first.substring(0, 100) + "…" : first)));
        }
        if (hits.isEmpty()) {
            sb.append("No results.\n");
        }
        for (String note : answer.notes()) {
            sb.append("Note: ").append(note).append('\n');
        }
        String coverage = CoverageText.line(answer.coverage());
        if (coverage != null) {
            sb.append(coverage).append('\n');
        } else if (pending != 0) {
            sb.append(pending < 0 ? "An index run is in progress: results may be behind.\n"
                    : pending + " files are waiting to be indexed: results may be behind.\n");
        }
        return sb.toString().stripTrailing();
    }
}
