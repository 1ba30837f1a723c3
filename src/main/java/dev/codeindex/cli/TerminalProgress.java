package dev.codeindex.cli;

import dev.codeindex.index.PassProgress;
import dev.codeindex.index.ProgressListener;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr, drawn only when the process talks to a terminal. The bar counts files;
 * its rate and time left are the pass's chunk figures ({@link PassProgress}): what the time goes to,
 * measured on stored batches, so nothing is shown before the first batch is stored instead of a guess
 * from the first files read.
 */
final class TerminalProgress implements ProgressListener {
    private final PassProgress pass;
    private volatile ProgressBar bar;

    /** @param pass the run's progress, updated before this listener is called */
    TerminalProgress(PassProgress pass) {
        this.pass = pass;
    }

    /** True when stdin/stdout are a terminal (Java's console) and TERM is not "dumb". */
    static boolean available() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public void phase(String name, long total) {
        close();
        bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .setEtaFunction(state -> eta(pass.snapshot()))
                .build();
    }

    @Override
    public void progress(long done, String detail) {
        ProgressBar b = bar; // workers call this too
        if (b != null) {
            b.stepTo(done);
        }
    }

    @Override
    public void stored(long files, long bytes, long chunks) {
        ProgressBar b = bar;
        if (b != null) {
            b.setExtraMessage(chunks(pass.snapshot()));
        }
    }

    @Override
    public void finished() {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** The time left to show: from the chunk rate, and none until the first batch is stored. */
    static Optional<Duration> eta(PassProgress.Snapshot s) {
        return s.etaMillis() < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(s.etaMillis()));
    }

    /** The chunk figures beside the bar: {@code 1,234/~5,600 chunks, 41 chunks/s}. */
    static String chunks(PassProgress.Snapshot s) {
        if (s.chunksDone() == 0 && s.chunksTotal() <= 0) {
            return "";
        }
        String total = s.chunksTotal() > s.chunksDone() ? String.format(Locale.ROOT, "/~%,d", s.chunksTotal()) : "";
        String text = String.format(Locale.ROOT, "%,d%s chunks", s.chunksDone(), total);
        return s.chunksPerSec() > 0 ? text + ", " + rate(s.chunksPerSec()) : text;
    }

    /** A rate people read: whole numbers from 10 up, one decimal below, never {@code .0/s}. */
    static String rate(double perSec) {
        if (perSec >= 10) {
            return String.format(Locale.ROOT, "%,d chunks/s", Math.round(perSec));
        }
        String one = String.format(Locale.ROOT, "%.1f", perSec);
        if (one.equals("0.0")) {
            return "under 0.1 chunks/s";
        }
        return (one.endsWith(".0") ? one.substring(0, one.length() - 2) : one) + " chunks/s";
    }
}
