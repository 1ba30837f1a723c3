package dev.codeindex.cli;

import dev.codeindex.index.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, drawn only when the process talks to a terminal. */
final class TerminalProgress implements ProgressListener {
    private volatile ProgressBar bar;

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
                .showSpeed()
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
    public void finished() {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
