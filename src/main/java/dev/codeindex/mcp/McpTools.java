package dev.codeindex.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootChoice;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.api.json.ApiJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools codeindex offers AI agents over MCP, on top of a {@link DaemonApi} only (a running
 * daemon or the index on disk, the caller decides): each with its name, a description an agent can
 * act on, a JSON schema of its arguments, and a handler. Knows nothing of the MCP library; the
 * adapter in {@code mcp.sdk} serves these on a transport.
 *
 * <p>Answers are JSON text, bounded ({@link BoundedHits}): at most {@link #MAX_K} hits and about {@code maxChars}
 * characters, with a {@code note} saying what was cut. A bad argument or a request the index cannot
 * serve gives an error result whose text says what to do, never a stack trace.
 *
 * <p>Threading: stateless past construction; handlers may run concurrently.
 */
public final class McpTools {
    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 50;
    /**
     * The most lines {@code find_references} lists: a name's uses run to hundreds where hits are few, and 50 left an
     * agent told to "raise k" with nowhere to go (a trial); the answer's size bound still applies.
     */
    public static final int MAX_REFERENCES = 500;
    public static final int MAX_CHARS = 40_000;
    public static final int MAX_QUERY_CHARS = 2_000;
    public static final int MAX_CODE_CHARS = 20_000;

    /** One tool as an agent sees it; {@code inputSchema} is a JSON Schema object, as text. */
    public record Tool(String name, String description, String inputSchema, Function<Map<String, Object>, Result> handler) {}

    /** What a call answers: JSON text, or (error) a message for the agent. */
    public record Result(String text, boolean error) {
        static Result error(String message) {
            return new Result(message, true);
        }
    }

    /**
     * What the {@code index} tool did for a root.
     *
     * @param state   {@code started} (a background run began), {@code running} (one already runs here),
     *                {@code busy} (another process indexes the root: nothing started), {@code daemon} (a
     *                watch daemon keeps the root: a full rescan was scheduled there)
     * @param message what happened and what to do next, for the agent
     */
    public record IndexStart(String root, String state, String message) {}

    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);

    private final DaemonApi daemon;
    /** The roots served, or null for whatever roots the daemon reports. */
    private final List<String> roots;
    private final Function<String, String> sourceOf;
    /** Starts indexing a root in the background, or null where a daemon keeps every root (index is reindex). */
    private final Function<String, IndexStart> indexer;
    private final int maxChars;

    /**
     * @param root the root these tools serve (absolute path), or null for every root of the daemon
     */
    public McpTools(DaemonApi daemon, String root) {
        this(daemon, root == null ? null : List.of(root), r -> null, null, MAX_CHARS);
    }

    /**
     * @param roots    the roots served (absolute paths); a tool's {@code root} argument picks one
     * @param sourceOf where the answers for a root come from, for people ("the watch daemon at URL"), or
     *                 null to say nothing
     * @param indexer  starts indexing a root in the background (the {@code index} tool), or null when a
     *                 daemon keeps every root (then {@code index} schedules a rescan, as reindex does)
     */
    public McpTools(DaemonApi daemon, List<String> roots, Function<String, String> sourceOf,
                    Function<String, IndexStart> indexer) {
        this(daemon, List.copyOf(roots), sourceOf, indexer, MAX_CHARS);
    }

    McpTools(DaemonApi daemon, String root, int maxChars) {
        this(daemon, root == null ? null : List.of(root), r -> null, null, maxChars);
    }

    private McpTools(DaemonApi daemon, List<String> roots, Function<String, String> sourceOf,
                     Function<String, IndexStart> indexer, int maxChars) {
        this.daemon = daemon;
        this.roots = roots;
        this.sourceOf = sourceOf;
        this.indexer = indexer;
        this.maxChars = maxChars;
    }

    /** The JSON schema of the {@code root} argument every tool takes, saying what leaving it out does for that tool. */
    private static String rootArg(String whenOmitted) {
        return """
                "root":{"type":"string","description":"Which served root (its absolute path, a path inside it, or its \
                directory name) when several are served; %s."}""".formatted(whenOmitted);
    }

    public List<Tool> tools() {
        return List.of(
                new Tool("search_code", """
                        Find code by meaning in the indexed source tree (semantic search over functions, methods, \
                        classes and other chunks). Describe what the code does ("parse the config file and report \
                        unknown keys") or name an identifier ("HashMap.resize"). Returns hits best first: path \
                        (relative to the root), startLine-endLine (1-based, inclusive), symbol, language, score \
                        and the first lines of the chunk's code (get_context gives all of it; `codeStartLine` when that \
                        code does not start at startLine: a long definition shown by the part that matched), plus `pending` (files changed but not indexed yet: results may be \
                        behind when it is not 0; -1 when an index run is in progress) and `coverage` (files in all, \
                        files keyword-indexed, files embedded, whether a pass runs: while a first index runs, hits \
                        come only from the files covered so far). Each hit names its `root`; \
                        with several roots served, all are searched unless `root` picks one. Narrow with `lang` or \
                        a `path` glob (README and other docs are indexed too: `lang` keeps code of one language); \
                        raise `k` for more hits.""",
                        """
                        {"type":"object","properties":{\
                        "query":{"type":"string","description":"What you are looking for, in words or an identifier."},\
                        "k":{"type":"integer","minimum":1,"maximum":%d,"description":"How many hits (default %d)."},\
                        "lang":{"type":"string","description":"Only this language: java, python, javascript, typescript, go, rust, c, cpp, … or a file extension (py, ts, rs)."},\
                        "path":{"type":"string","description":"Only paths matching this glob, relative to the root: 'src/main/**', 'lib/' (a directory), or without a slash a file name at any depth ('utils.py', '*.py')."},\
                        %s},"required":["query"],"additionalProperties":false}""".formatted(MAX_K, DEFAULT_K, rootArg("omit to search them all")),
                        guarded(this::searchCode, Set.of("query", "k", "lang", "path", "root"))),
                new Tool("find_symbol", """
                        Find where a symbol is defined, by name: a class, function or method such as "HashMap.resize", \
                        "parse_args" or "email.utils.parseaddr" (dotted qualifiers optional). Exact definitions \
                        come first, then ones the name is the dotted tail of (Outer.HashMap.resize), then ones \
                        sharing its last part (resize), then functions that declare a helper of that name inside \
                        their body (a qualified name that something defines gets only its definitions and those it is the dotted tail of); `kind` keeps one kind (function, method, class, …). Answers like search_code: path, startLine-endLine, symbol, \
                        language, score and code, plus `pending` and `coverage`. Only names, no meaning: to find code by what it \
                        does, use search_code.""",
                        """
                        {"type":"object","properties":{\
                        "name":{"type":"string","description":"The symbol's name, optionally qualified: Class.method, module.function (Type::method and Class#method are read as Type.method)."},\
                        "k":{"type":"integer","minimum":1,"maximum":%d,"description":"How many definitions (default %d)."},\
                        "kind":{"type":"string","description":"Only definitions of this kind: function, method, class, interface, enum, record, struct, trait, type, constructor, module, …"},\
                        %s},"required":["name"],"additionalProperties":false}""".formatted(MAX_K, DEFAULT_K, rootArg("omit to search them all")),
                        guarded(this::findSymbol, Set.of("name", "k", "kind", "root"))),
                new Tool("find_references", """
                        Find where a name is used: every line that holds it as a whole identifier (calls, reads, \
                        imports, overrides; in comments and strings too), each with the innermost definition it \
                        sits in (`symbol`, `kind`, `startLine`-`endLine`: the caller, which get_context shows \
                        whole) and the line's `text`; the line that defines it is marked `definition`. By name, \
                        not by type: "HashMap.resize" finds every `resize`; the case must match. Source files \
                        first, then docs, vendored code and tests, each in path order; `files` says how many files \
                        the lines listed are in, `candidates` how many may hold the name, and `complete` whether \
                        all their references are listed (raise `k` or narrow with `path`/`lang` when not). Files \
                        are read as they are now; a file not indexed yet (see `coverage`) is not looked at.""",
                        """
                        {"type":"object","properties":{\
                        "name":{"type":"string","description":"The identifier: parse_args, resize, HashMap.resize (matched by its last part)."},\
                        "k":{"type":"integer","minimum":1,"maximum":%d,"description":"How many lines at most (default %d)."},\
                        "lang":{"type":"string","description":"Only files of this language: java, python, typescript, … or a file extension (py, ts, rs)."},\
                        "path":{"type":"string","description":"Only paths matching this glob, relative to the root: 'src/**', 'lib/' (a directory), or without a slash a file name at any depth ('*.py')."},\
                        %s},"required":["name"],"additionalProperties":false}""".formatted(MAX_REFERENCES, ReferencesRequest.DEFAULT_K, rootArg("omit to look in them all")),
                        guarded(this::findReferences, Set.of("name", "k", "lang", "path", "root"))),
                new Tool("get_context", """
                        Show the whole definition (method, function, or class header) that encloses a line of a \
                        file, with its code and line range: use it to expand a search hit or to read the code \
                        behind a stack-trace line (`path`, `line`). Returns path, startLine-endLine (1-based, \
                        inclusive), symbol, kind, language, the code as the file is now, and `indexed` (false, with \
                        a `note`, when the file changed since it was indexed and was chunked now). When no \
                        definition holds the line, the lines around it (kind `lines`).""",
                        """
                        {"type":"object","properties":{\
                        "path":{"type":"string","description":"A file relative to the root (as search_code shows it), or an absolute path inside the root."},\
                        "line":{"type":"integer","minimum":1,"description":"A 1-based line number in that file."},\
                        %s},"required":["path","line"],"additionalProperties":false}""".formatted(rootArg("omit when path is absolute, or when one root is served")),
                        guarded(this::getContext, Set.of("path", "line", "root"))),
                new Tool("find_similar", """
                        Find code that resembles a given chunk or snippet: duplicates, near-copies, and other \
                        places that follow the same pattern. Give `path` and `line` (the chunk that holds that \
                        line is compared; it and anything overlapping it in the same file are left out), or \
                        `code` (a snippet, compared as code). Returns `source` (the chunk compared, for path/line) \
                        and hits best first, as search_code answers them: path, startLine-endLine, symbol, \
                        language, score and code. Needs a semantic index (not an offline one).""",
                        """
                        {"type":"object","properties":{\
                        "path":{"type":"string","description":"A file relative to the root (as search_code shows it), or an absolute path inside the root; with `line`."},\
                        "line":{"type":"integer","minimum":1,"description":"A 1-based line in `path`: the chunk that holds it is compared."},\
                        "code":{"type":"string","description":"A code snippet to find code like it (instead of path and line)."},\
                        "k":{"type":"integer","minimum":1,"maximum":%d,"description":"How many hits (default %d)."},\
                        %s},"additionalProperties":false}""".formatted(MAX_K, DEFAULT_K, rootArg("omit to compare a snippet with every root, or when path is absolute")),
                        guarded(this::findSimilar, Set.of("path", "line", "code", "k", "root"))),
                new Tool("index_status", """
                        How current the index is: state (scanning, indexing, watching, degraded, paused; idle: an index on disk that no daemon keeps current), files indexed, \
                        pending, failed and skipped, coverage (files keyword-indexed and embedded), chunks, and the \
                        last error, for each root. Call it when \
                        search results look stale or empty.""",
                        "{\"type\":\"object\",\"properties\":{" + rootArg("omit to report them all") + "},\"additionalProperties\":false}",
                        guarded(this::indexStatus, Set.of("root"))),
                new Tool("reindex", """
                        Schedule a pass over the tree (or over `path` only, relative to the root) and return at \
                        once; use it after large changes the index may not have seen. Needs a running \
                        `codeindex watch` daemon for the root; index_status shows progress.""",
                        """
                        {"type":"object","properties":{\
                        "path":{"type":"string","description":"A file or directory relative to the root; omit for a full rescan."},\
                        %s},"additionalProperties":false}""".formatted(rootArg("omit to go over every root (with a relative path: needed when several are served)")),
                        guarded(this::reindex, Set.of("path", "root"))),
                new Tool("index", """
                        Build or update the index of a root (every served root without `root`) and return at once: \
                        when no watch daemon keeps it, codeindex indexes it in the background (state `started`; \
                        search answers from what is committed meanwhile, index_status shows progress); when \
                        another process is indexing it, nothing starts (state `busy`, the message says who); when \
                        a watch daemon keeps it, a full rescan is scheduled there, as reindex does (state \
                        `daemon`). A background run belongs to this session: it stops when the session ends, \
                        and the next run resumes from its last commit. Use it when index_status says nothing is \
                        indexed or the index is behind.""",
                        "{\"type\":\"object\",\"properties\":{" + rootArg("omit to index them all") + "},\"additionalProperties\":false}",
                        guarded(this::index, Set.of("root"))));
    }

    private interface Handler {
        Result apply(Map<String, Object> args) throws JsonProcessingException;
    }

    /** Checks argument names, and turns what a handler throws into an error result the agent can act on. */
    private static Function<Map<String, Object>, Result> guarded(Handler h, Set<String> known) {
        return args -> {
            Map<String, Object> a = args == null ? Map.of() : args;
            Set<String> unknown = new TreeSet<>(a.keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                return Result.error("unknown argument(s) " + unknown + "; this tool takes "
                        + (known.isEmpty() ? "no arguments" : new TreeSet<>(known)));
            }
            try {
                return h.apply(a);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Result.error(e.getMessage());
            } catch (RuntimeException | JsonProcessingException e) {
                // an unexpected failure keeps its trace in the log; one with a message for people (a store
                // that is down or gone) is said as that, without the exception's class
                boolean said = e.getMessage() != null && !(e instanceof NullPointerException);
                if (said) {
                    LOG.warn("an MCP tool call failed: {}", e.getMessage());
                } else {
                    LOG.warn("an MCP tool call failed", e);
                }
                return Result.error("codeindex failed to answer: " + (said ? e.getMessage() : e.toString()));
            }
        };
    }

    private Result searchCode(Map<String, Object> args) throws JsonProcessingException {
        String query = string(args, "query");
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("`query` is required: describe the code you look for, or name an identifier");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("`query` is " + query.length() + " characters; at most " + MAX_QUERY_CHARS
                    + ": describe the code in a sentence or two, or name an identifier");
        }
        SearchAnswer answer = daemon.search(new SearchRequest(query, k(args), string(args, "lang"), string(args, "path"), root(args)));
        answer = withUnmatchedName(query.strip(), answer);
        return new Result(BoundedHits.json(answer, maxChars, "ask for fewer (`k`) or narrow with `path` or `lang`",
                "no hits; try other words, or drop `lang`/`path`; index_status shows what is indexed"), false);
    }

    /**
     * An identifier no hit defines or shows gets a note: its hits are only near it in meaning, and an agent took
     * them for matches of a name that exists nowhere (a trial).
     */
    static SearchAnswer withUnmatchedName(String query, SearchAnswer answer) {
        if (answer.results().isEmpty() || !SymbolRequest.isName(query)) {
            return answer;
        }
        String last = query.substring(query.lastIndexOf('.') + 1).replace("()", "");
        boolean shown = answer.results().stream().anyMatch(h -> h.symbol().equals(query) || h.symbol().endsWith("." + last)
                || h.symbol().equals(last) || h.snippet().contains(last));
        if (shown) {
            return answer;
        }
        List<String> notes = new java.util.ArrayList<>(answer.notes());
        notes.add("no hit defines or shows `" + query + "`: these are only near it in meaning; check the spelling,"
                + " or find_symbol for definitions");
        return new SearchAnswer(answer.results(), answer.pending(), answer.coverage(), notes);
    }

    private Result findSymbol(Map<String, Object> args) throws JsonProcessingException {
        String name = string(args, "name");
        if (name == null) {
            throw new IllegalArgumentException("`name` is required: a symbol such as HashMap.resize or parse_args");
        }
        if (name.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("`name` is " + name.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        String kind = string(args, "kind");
        SearchAnswer answer = daemon.findSymbol(new SymbolRequest(name, k(args), root(args), kind));
        return new Result(BoundedHits.json(answer, maxChars, "ask for fewer (`k`) or qualify the name (Class.method)",
                "no definition " + (kind == null ? "" : "of kind `" + kind + "` ") + "is named `" + name + "` (functions,"
                        + " methods, classes and other types are; constants and variables mostly are not: search_code"
                        + " finds them as text); " + (kind == null ? "" : "drop `kind` (kinds differ by language), ")
                        + "check the spelling, try its last part alone, or search_code to find it by meaning;"
                        + " index_status shows what is indexed"), false);
    }

    private Result findReferences(Map<String, Object> args) throws JsonProcessingException {
        String name = string(args, "name");
        if (name == null) {
            throw new IllegalArgumentException("`name` is required: an identifier such as parse_args or HashMap.resize");
        }
        if (name.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("`name` is " + name.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        int k = integer(args, "k", ReferencesRequest.DEFAULT_K);
        if (k < 1 || k > MAX_REFERENCES) {
            throw new IllegalArgumentException("`k` must be from 1 to " + MAX_REFERENCES + ", got " + k);
        }
        ReferencesAnswer a = daemon.references(new ReferencesRequest(name, k, string(args, "lang"), string(args, "path"),
                root(args)));
        return new Result(boundedReferences(a, maxChars, k), false);
    }

    /** The answer as JSON of {@code maxChars} at most: references past that are cut, with a note saying so. */
    static String boundedReferences(ReferencesAnswer a, int maxChars, int k) throws JsonProcessingException {
        String out = referencesJson(a, a.references().size(), k);
        if (out.length() <= maxChars || a.references().size() <= 1) {
            return out;
        }
        // the most references that fit (one always stays), each measured as written: escapes and indents included
        int fits = 1;
        int over = a.references().size();
        while (over - fits > 1) {
            int mid = (fits + over) >>> 1;
            if (referencesJson(a, mid, k).length() <= maxChars) {
                fits = mid;
            } else {
                over = mid;
            }
        }
        return referencesJson(a, fits, k);
    }

    /** The answer with its first {@code shown} references, the notes an agent needs, pretty-printed. */
    private static String referencesJson(ReferencesAnswer a, int shown, int k) throws JsonProcessingException {
        boolean cut = shown < a.references().size();
        ReferencesAnswer kept = cut ? new ReferencesAnswer(a.name(), a.references().subList(0, shown), a.files(),
                a.candidates(), false, a.pending(), a.coverage(), a.notes()) : a;
        ObjectNode o = ApiJson.references(kept);
        // one root for every line: said once, not on each (an answer ran to 3-4 times grep's bytes; a trial)
        java.util.Set<String> roots = new java.util.HashSet<>();
        kept.references().forEach(r -> roots.add(String.valueOf(r.root())));
        if (roots.size() == 1 && kept.references().get(0).root() != null) {
            o.put("root", kept.references().get(0).root());
            o.path("references").forEach(r -> ((ObjectNode) r).remove("root"));
        }
        Coverage c = a.coverage();
        if (c != null && !c.complete()) {
            o.put("behind", BoundedHits.behind(c));
        } else if (a.pending() > 0) {
            o.put("behind", a.pending() + " files changed but are not indexed yet: a file added since is not looked at");
        }
        String narrow = "narrow with `path` or `lang`";
        if (cut) {
            o.put("note", "cut to " + shown + " of " + a.references().size() + " references to stay under the answer's"
                    + " size; " + narrow);
        } else if (a.references().isEmpty() && !a.complete()) {
            o.put("note", "the look stopped before any use of `" + a.name() + "` was found (see notes): not a sign"
                    + " that nothing uses it; " + narrow);
        } else if (a.references().isEmpty()) {
            o.put("note", "no line uses `" + a.name() + "` as a whole identifier, case as given" + (a.candidates() > 0
                    ? " (" + a.candidates() + " files hold it in another case or inside a longer identifier)" : "")
                    + "; check the spelling, or search_code to find it by meaning");
        } else if (!a.complete()) {
            o.put("note", (a.references().size() == 1 ? "the first reference" : "the first " + a.references().size()
                    + " references") + " (source files first, then docs and tests), in " + a.files() + " of the "
                    + a.candidates() + " files that may hold `" + a.name() + "`: " + (a.references().size() < k
                    ? "the look stopped short of `k`: see notes (files waiting for a pass, a cap, a root left out)"
                    : (a.references().size() < MAX_REFERENCES ? "raise `k` (up to " + MAX_REFERENCES + "), or " : "") + narrow));
        }
        return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    private Result getContext(Map<String, Object> args) throws JsonProcessingException {
        String path = string(args, "path");
        if (path == null) {
            throw new IllegalArgumentException("`path` is required: a file relative to the root, as search_code shows it");
        }
        if (path.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("`path` is " + path.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        int line = integer(args, "line", 0);
        if (line < 1) {
            throw new IllegalArgumentException(args.get("line") == null ? "`line` is required: a 1-based line number"
                    : "`line` must be 1 or more, got " + line);
        }
        ContextAnswer a = daemon.context(new ContextRequest(path, line, root(args)));
        ObjectNode o = ApiJson.context(a);
        int room = maxChars - 1_000;
        if (a.code().length() > room) {
            o.put("code", a.code().substring(0, Math.max(0, room)) + "\n… (cut)");
            o.put("cut", "the code was cut to stay under " + maxChars + " characters; read the file from line "
                    + a.startLine() + " to " + a.endLine() + " for the rest");
        }
        return new Result(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o), false);
    }

    private Result findSimilar(Map<String, Object> args) throws JsonProcessingException {
        String path = string(args, "path");
        String code = string(args, "code");
        if ((path == null) == (code == null)) {
            throw new IllegalArgumentException(path == null
                    ? "give `path` and `line` (the chunk there), or `code` (a snippet) to find code like it"
                    : "give either `path` and `line`, or `code`, not both");
        }
        int line = 0;
        if (path != null) {
            if (path.length() > MAX_QUERY_CHARS) {
                throw new IllegalArgumentException("`path` is " + path.length() + " characters; at most " + MAX_QUERY_CHARS);
            }
            line = integer(args, "line", 0);
            if (line < 1) {
                throw new IllegalArgumentException(args.get("line") == null ? "`line` is required with `path`: a 1-based line number"
                        : "`line` must be 1 or more, got " + line);
            }
        } else if (code.length() > MAX_CODE_CHARS) {
            throw new IllegalArgumentException("`code` is " + code.length() + " characters; at most " + MAX_CODE_CHARS
                    + ": give the function or the lines that matter");
        }
        SimilarAnswer a = daemon.similar(new SimilarRequest(path, line, code, k(args), root(args)));
        ObjectNode head = ApiJson.mapper().createObjectNode();
        if (a.path() != null) {
            head.putObject("source").put("path", a.path()).put("startLine", a.startLine()).put("endLine", a.endLine())
                    .put("symbol", a.symbol());
        }
        return new Result(BoundedHits.json(head, a.hits(), maxChars,
                "ask for fewer (`k`)", "nothing similar in the index; index_status shows what is indexed"), false);
    }

    private Result indexStatus(Map<String, Object> args) throws JsonProcessingException {
        String root = root(args);
        DaemonStatus status = daemon.status();
        ObjectNode o = ApiJson.mapper().createObjectNode();
        o.put("state", status.state().id());
        ArrayNode roots = o.putArray("roots");
        for (RootStatus s : status.roots()) {
            if (root != null && !root.equals(s.root())) {
                continue;
            }
            ObjectNode r = roots.addObject();
            r.put("root", s.root());
            r.put("state", s.state().id());
            if (s.reason() != null) {
                r.put("reason", s.reason());
            }
            r.put("ready", s.ready());
            ApiJson.files(r, s.files());
            if (s.coverage() != null) {
                ApiJson.coverage(r, s.coverage());
            }
            r.put("chunks", s.chunks());
            if (!"idle".equals(s.phase())) {
                r.put("phase", s.phase() + " " + s.progressDone() + "/" + s.progressTotal());
            }
            if (s.lastError() != null && s.lastErrorResolvedAt() == 0) {
                r.putObject("lastError").put("message", s.lastError())
                        .put("at", Instant.ofEpochMilli(s.lastErrorAt()).toString());
            } // a resolved one is history, which an agent took for the present (a team trial): /status keeps it
            r.put("embedder", s.embedder());
            String source = sourceOf.apply(s.root());
            if (source != null) {
                r.put("source", source);
            }
        }
        return new Result(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o), false);
    }

    private Result reindex(Map<String, Object> args) throws JsonProcessingException {
        ReindexAnswer a = daemon.reindex(root(args), string(args, "path"));
        ObjectNode o = ApiJson.reindex(a);
        o.put("note", "scheduled; index_status shows when it is done");
        return new Result(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o), false);
    }

    /** The roots served: those given, else every root the daemon reports. */
    private List<String> served() {
        return roots != null ? roots : daemon.status().roots().stream().map(RootStatus::root).toList();
    }

    /**
     * The root a call is about: the one its {@code root} argument names (exactly, as a path inside it,
     * or by its directory name), else the only root served, else null (every root).
     */
    private String root(Map<String, Object> args) {
        String asked = string(args, "root");
        List<String> served = served();
        if (asked == null) {
            return served.size() == 1 ? served.get(0) : null;
        }
        try {
            return RootChoice.pick(asked, served, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("`root`: " + e.getMessage() + ", or omit `root`");
        }
    }

    private Result index(Map<String, Object> args) throws JsonProcessingException {
        String root = root(args);
        ObjectNode o = ApiJson.mapper().createObjectNode();
        ArrayNode out = o.putArray("roots");
        for (String r : root != null ? List.of(root) : served()) {
            IndexStart s;
            if (indexer != null) {
                s = indexer.apply(r);
            } else {
                daemon.reindex(r, null);
                s = new IndexStart(r, "daemon", "this watch daemon keeps " + r + " indexed: a full rescan is scheduled,"
                        + " as reindex does; index_status shows progress");
            }
            out.addObject().put("root", s.root()).put("state", s.state()).put("message", s.message());
        }
        return new Result(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o), false);
    }

    private static int k(Map<String, Object> args) {
        int k = integer(args, "k", DEFAULT_K);
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("`k` must be from 1 to " + MAX_K + ", got " + k);
        }
        return k;
    }

    private static String string(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("`" + name + "` must be a string, got " + v);
        }
        return s.isBlank() ? null : s;
    }

    private static int integer(Map<String, Object> args, String name, int absent) {
        Object v = args.get(name);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            double d = n.doubleValue();
            if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) { // said as given: a clamped value misled (a trial)
                throw new IllegalArgumentException("`" + name + "` is out of range, got " + n);
            }
            return (int) d;
        }
        if (v instanceof String t && t.strip().matches("-?[0-9]{1,9}")) { // agents often quote numbers: "5"
            return Integer.parseInt(t.strip());
        }
        throw new IllegalArgumentException("`" + name + "` must be a whole number, got "
                + (v instanceof String ? "the text \"" + v + "\"" : v));
    }
}
