package dev.codeindex.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for codeindex's pools: daemon threads, so that no pool keeps the JVM alive once a
 * command is done (each command ends its work itself, with a bound), named so that a thread dump or a
 * profile tells them apart.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Daemon threads that all carry {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}…, in the order made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + n.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
