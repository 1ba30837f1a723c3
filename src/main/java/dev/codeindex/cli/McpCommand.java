package dev.codeindex.cli;

import dev.codeindex.api.DaemonApi;
import dev.codeindex.config.Config;
import dev.codeindex.mcp.McpTools;
import dev.codeindex.mcp.sdk.McpServerSpec;
import dev.codeindex.mcp.sdk.McpStdioServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * {@code codeindex mcp [ROOT]}: an MCP server on stdio for AI agents. Asks the running {@code watch}
 * daemon that keeps ROOT when there is one (its answers know what is pending), else searches the
 * index on disk. Stdout carries protocol messages only: everything else goes to stderr.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the index of ROOT to AI agents over MCP (Model Context Protocol) on stdin/stdout.",
                "Tools: search_code, find_symbol, get_context, find_similar, index_status, reindex. A running watch daemon that watches ROOT answers;",
                "otherwise the index on disk built by 'codeindex index ROOT' does."})
final class McpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(McpCommand.class);

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ROOT", description = {"The indexed root, or any directory inside one"
            + " (default: .): the deepest root a running watch daemon keeps that contains it, else its nearest indexed ancestor."})
    Path root = Path.of(".");

    @Override
    public Integer call() throws Exception {
        // the protocol owns stdout: whatever else would print there goes to stderr instead
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        Config config = common.load(Map.of());
        RootFinder.Found found = RootFinder.find(root, config.dataDir());
        Path absRoot = found.root();
        found.note("serving").ifPresent(System.err::println);
        DaemonApi api = null;
        DiskIndex disk = null;
        for (RunningDaemons.Running d : RunningDaemons.of(config.dataDir())) {
            if (d.watches(absRoot) && RunningDaemons.get(d, "/status", config.watch().token()).isPresent()) {
                api = new RemoteDaemon(d.url(), config.watch().token());
                LOG.info("mcp: serving {} through the watch daemon at {}", absRoot, d.url());
                break;
            }
        }
        if (api == null) {
            disk = new DiskIndex(config, absRoot);
            api = disk;
            LOG.info("mcp: serving the index on disk of {} (no watch daemon keeps it)", absRoot);
        }
        try {
            McpTools tools = new McpTools(api, absRoot.toString());
            McpStdioServer.serve(new McpServerSpec(Version.get(), instructions(List.of(absRoot)), tools.tools()),
                    new FileInputStream(FileDescriptor.in), protocol);
        } finally {
            if (disk != null) {
                disk.close();
            }
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
                + ". get_context expands a hit or a stack-trace line to its whole definition; find_similar finds code"
                + " like a chunk or a snippet. index_status says whether the index is current; reindex schedules a pass.";
    }
}
