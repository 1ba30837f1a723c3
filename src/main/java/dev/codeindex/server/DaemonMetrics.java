package dev.codeindex.server;

import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.FileCounts;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics}: what {@code /status} knows, as Prometheus metrics. Gauges for what can go
 * down, counters ({@code _total}, since the process started) for what only grows; one label
 * {@code root} per watched root. Every root's status is read once, so one scrape is consistent per root.
 */
final class DaemonMetrics {
    private DaemonMetrics() {}

    private record Snap(String root, RootStatus s, FileCounts files) {}

    static String of(DaemonStatus daemon) {
        List<Snap> snaps = new ArrayList<>();
        for (RootStatus s : daemon.roots()) {
            snaps.add(new Snap(s.root(), s, s.files()));
        }
        PrometheusText p = new PrometheusText();
        p.metric("codeindex_build_info", "gauge", "The running version; always 1.").sample(1, "version", daemon.version());
        p.metric("codeindex_uptime_seconds", "gauge", "Seconds since the daemon started.")
                .sample(daemon.uptimeMillis() / 1000.0);
        p.metric("codeindex_heap_used_bytes", "gauge", "JVM heap in use.").sample(daemon.heapUsedBytes());
        p.metric("codeindex_heap_max_bytes", "gauge", "JVM heap limit (-Xmx).").sample(daemon.heapMaxBytes());
        p.metric("codeindex_state", "gauge", "The daemon's overall state: 1 for the current one, 0 for the others.");
        RootState overall = daemon.state(); // computed from the same reads as the roots
        for (RootState st : RootState.values()) {
            p.sample(st == overall ? 1 : 0, "state", st.id());
        }
        p.metric("codeindex_root_state", "gauge", "A root's state: 1 for the current one, 0 for the others.");
        for (Snap x : snaps) {
            for (RootState st : RootState.values()) {
                p.sample(st == x.s().state() ? 1 : 0, "root", x.root(), "state", st.id());
            }
        }
        gauge(p, snaps, "codeindex_root_ready", "1 once the initial pass is done and the last pass succeeded.",
                x -> x.s().ready() ? 1 : 0);
        gauge(p, snaps, "codeindex_root_watcher_up", "1 while the file watcher runs (0: timed rescans only).",
                x -> x.s().watcherAlive() ? 1 : 0);
        gauge(p, snaps, "codeindex_root_indexed_files", "Files in the index.", x -> x.files().indexed());
        gauge(p, snaps, "codeindex_root_pending_files", "Files known to differ from the index.", x -> x.files().pending());
        gauge(p, snaps, "codeindex_root_failed_files", "Files that could not be read.", x -> x.files().failed());
        gauge(p, snaps, "codeindex_root_skipped_files", "Files skipped by policy or failure (too large, binary, unreadable).",
                x -> x.files().skipped());
        gauge(p, snaps, "codeindex_root_chunks", "Chunks in the index.", x -> x.s().chunks());
        gauge(p, snaps, "codeindex_root_queue_depth", "Changed paths waiting for the debounce window.",
                x -> x.s().queueDepth());
        gauge(p, snaps, "codeindex_root_files_per_second", "Indexing speed of the last pass that indexed files.",
                x -> x.s().filesPerSec());
        counter(p, snaps, "codeindex_root_passes_total", "Passes applied since start.", x -> x.s().passes());
        counter(p, snaps, "codeindex_root_rescans_total", "Full rescans since start, the initial pass included.",
                x -> x.s().rescans());
        counter(p, snaps, "codeindex_root_files_indexed_total", "Files (re)indexed since start.",
                x -> x.s().filesIndexed());
        counter(p, snaps, "codeindex_root_chunks_embedded_total", "Chunks embedded since start.",
                x -> x.s().chunksEmbedded());
        return p.toString();
    }

    private interface Value {
        double of(Snap x);
    }

    private static void gauge(PrometheusText p, List<Snap> snaps, String name, String help, Value v) {
        series(p.metric(name, "gauge", help), snaps, v);
    }

    private static void counter(PrometheusText p, List<Snap> snaps, String name, String help, Value v) {
        series(p.metric(name, "counter", help), snaps, v);
    }

    private static void series(PrometheusText p, List<Snap> snaps, Value v) {
        for (Snap x : snaps) {
            p.sample(v.of(x), "root", x.root());
        }
    }
}
