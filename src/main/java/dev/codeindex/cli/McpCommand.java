package dev.codeindex.cli;

import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.mcp.McpTools;
import dev.codeindex.mcp.sdk.McpServerSpec;
import dev.codeindex.mcp.sdk.McpStdioServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code codeindex mcp [ROOT…]}: an MCP server on stdio for AI agents. Asks the running {@code watch}
 * daemon that keeps ROOT when there is one (its answers know what is pending), else searches the
 * index on disk. Stdout carries protocol messages only: everything else goes to stderr.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the index of ROOT to AI agents over MCP (Model Context Protocol) on stdin/stdout.",
                "Tools: search_code, find_symbol, find_references, get_context, find_similar, index_status, reindex, index. A running watch daemon that watches ROOT answers;",
                "otherwise the index on disk built by 'codeindex index ROOT' (or by the index tool, in the background) does."})
final class McpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(McpCommand.class);

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ROOT", description = {"An indexed root, or any directory inside one"
            + " (default: .): the deepest root a running watch daemon keeps that contains it, else its nearest indexed ancestor.",
            "Several roots: each tool's `root` argument picks one; search and find_symbol search them all."})
    List<Path> roots = List.of();

    @Override
    public Integer call() throws Exception {
        // the protocol owns stdout: whatever else would print there goes to stderr instead
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        Config config = common.load(Map.of());
        List<Path> asked = roots.isEmpty() ? List.of(Path.of(".")) : roots;
        List<RootSource> sources = new ArrayList<>();
        for (Path dir : asked) {
            RootFinder.Found found = RootFinder.find(dir, config.dataDir());
            if (!java.nio.file.Files.isDirectory(found.root())
                    && !RootDirs.holdsIndex(RootDirs.of(config.dataDir(), found.root()))) {
                // a typo would otherwise be served, and its index tool would make an index of nothing
                throw new ConfigException("no directory " + found.root() + ", and nothing is indexed for it in "
                        + config.dataDir() + ": name a directory (or an indexed root: codeindex status lists them)");
            }
            found.note("serving").ifPresent(System.err::println);
            sources.add(new RootSource(config, found.root()));
        }
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // once the roots are checked
        try (ServedRoots served = new ServedRoots(sources)) {
            McpTools tools = new McpTools(served, served.roots(), served::sourceOf, served::index);
            McpStdioServer.serve(new McpServerSpec(Version.get(), instructions(served.roots().stream().map(Path::of).toList()),
                    tools.tools()), new FileInputStream(FileDescriptor.in), protocol);
        }
        return Main.OK;
    }

    /** What an agent is told at initialization, over stdio and over the daemon's HTTP endpoint alike. */
    static String instructions(Collection<Path> roots) {
        String trees = roots.stream().map(Path::toString).collect(Collectors.joining(", "));
        String tree = roots.size() == 1 ? "the source tree " + trees : "the source trees " + trees;
        return "codeindex keeps a semantic index of " + tree + ". Use search_code to find code by"
                + " meaning or by identifier before reading files; paths in answers are relative to "
                + (roots.size() == 1 ? trees : "the root they are in")
                + ". find_symbol finds where a name is defined, find_references where it is used (each line with the"
                + " definition it sits in: the callers); get_context expands a hit or a stack-trace line to its whole"
                + " definition; find_similar finds code"
                + " like a chunk or a snippet. index_status says whether the index is current; reindex schedules a pass; index builds or updates it.";
    }
}
