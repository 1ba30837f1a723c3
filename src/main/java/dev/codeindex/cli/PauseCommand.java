package dev.codeindex.cli;

import dev.codeindex.config.Config;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code codeindex pause} and {@code codeindex resume}: {@code POST /pause} or {@code /resume} to every
 * running watch daemon of the data directory (found as {@code status} finds them). Exit 1 with what
 * to do when none runs or one refuses.
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pauses indexing in the running watch daemon; `codeindex resume` goes on.",
                "The pass in flight stops at its next batch boundary; changes are still collected, search still"
                        + " answers."})
class PauseCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    /** True for pause, false for resume. */
    boolean pausing() {
        return true;
    }

    @Override
    public Integer call() {
        Config config = common.load(Map.of());
        List<RunningDaemons.Running> daemons = RunningDaemons.of(config.dataDir());
        PrintStream err = System.err;
        if (daemons.isEmpty()) {
            err.println("codeindex: no watch daemon is running on the data directory " + config.dataDir()
                    + ": nothing to " + (pausing() ? "pause" : "resume")
                    + " (start one with `codeindex watch ROOT`; --data-dir or --config name another data directory)");
            return Main.FAILED;
        }
        int exit = Main.OK;
        for (RunningDaemons.Running d : daemons) {
            RemoteDaemon remote = new RemoteDaemon(d.url(), config.watch().token());
            try {
                if (pausing()) {
                    remote.pauseIndexing();
                    System.out.println("paused indexing in the watch daemon at " + d.url() + " (" + String.join(", ", d.roots())
                            + "): changes are collected until `codeindex resume`");
                } else {
                    remote.resumeIndexing();
                    System.out.println("resumed indexing in the watch daemon at " + d.url() + " ("
                            + String.join(", ", d.roots()) + ")");
                }
            } catch (RemoteDaemon.TokenRefused e) { // as status and search say it: a setting, exit 2
                err.println("codeindex: " + e.getMessage());
                exit = Math.max(exit, Main.USAGE);
            } catch (IllegalStateException | IllegalArgumentException e) {
                err.println("codeindex: " + e.getMessage());
                exit = exit == Main.OK ? Main.FAILED : exit;
            }
        }
        return exit;
    }

    /** {@code codeindex resume}. */
    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resumes indexing after `codeindex pause`: what changed meanwhile is indexed.")
    static final class Resume extends PauseCommand {
        @Override
        boolean pausing() {
            return false;
        }
    }
}
