package dev.codeindex.cli;

import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.search.Searcher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeindex similar PATH:LINE} or {@code similar --code SNIPPET}: the chunks most like it. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"Find code like the chunk at PATH:LINE, or like a snippet given with --code.",
                "Duplicates and other places that follow the same pattern; the chunk and what overlaps it are left out."
                        + " Needs a semantic index.",
                "A running watch daemon that watches the root answers; otherwise the index on disk does."})
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH:LINE",
            description = "A file and a 1-based line in it, e.g. src/Main.java:42 (or --code).")
    String place;

    @Option(names = "--code", paramLabel = "SNIPPET", description = "Find code like this snippet instead of PATH:LINE.")
    String code;

    @Option(names = "--root", paramLabel = "DIR", description = {"The indexed root, or a directory inside one (default:"
            + " the root that contains PATH, or the working directory with --code)."})
    Path root;

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: 10).")
    int k = 10;

    @Override
    public Integer call() throws Exception {
        if ((place == null) == (code == null)) {
            throw new ConfigException(place == null ? "give PATH:LINE, or --code SNIPPET"
                    : "give PATH:LINE or --code SNIPPET, not both");
        }
        if (code != null && code.isBlank()) {
            throw new ConfigException("--code is empty: give the snippet to find code like");
        }
        if (k < 1 || k > Searcher.MAX_K) {
            throw new ConfigException("-k must be from 1 to " + Searcher.MAX_K + ", got " + k);
        }
        Config config = common.load(Map.of());
        ContextCommand.Place p = place == null ? null : ContextCommand.Place.parse(place);
        Path absRoot = p != null ? ContextCommand.root(config, root, p)
                : RootFinder.find(root != null ? root : Path.of("."), config.dataDir()).root();
        ContextCommand.Place at = p == null ? null : p.inRoot(absRoot);
        SimilarRequest request = at == null ? new SimilarRequest(null, 0, code, k, absRoot.toString())
                : new SimilarRequest(at.file().toString(), at.line(), null, k, absRoot.toString());
        SimilarAnswer answer = ContextCommand.ask(config, absRoot, api -> api.similar(request));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(common.json ? ApiJson.similar(answer).toString() : TerminalText.safe(text(answer)));
        return Main.OK;
    }

    private static String text(SimilarAnswer a) {
        String hits = SearchCommand.text(a.hits());
        if (a.path() == null) {
            return hits;
        }
        return "Like " + TerminalText.oneLine(a.path()) + ":" + a.startLine() + "-" + a.endLine()
                + (a.symbol().isEmpty() ? "" : "  " + TerminalText.oneLine(a.symbol())) + "\n" + hits;
    }
}
