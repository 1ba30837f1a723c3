package dev.codeindex.watch;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;

/**
 * A running watch of one tree. It only marks paths on its {@link ChangeQueue} (events are hints:
 * the scan decides what changed) and asks for a rescan on any sign of lost events; the owner polls
 * it to decide when to re-arm.
 *
 * <p>Threading: the library's thread marks; any thread may call these methods.
 */
public interface TreeWatch extends AutoCloseable {
    /** Whether events are still delivered (false once the watch died or was closed). */
    boolean alive();

    /** Why the watch stopped, or null while it runs or after a clean close. */
    String failure();

    /** Why part of the tree is not watched (e.g. the inotify limit), or null. */
    String problem();

    /** Whether an ignore file changed since the last call: what is watched must be decided again. */
    boolean rulesChanged();

    /**
     * Why the watch should be armed again though it runs (a directory it skipped as unreadable can be
     * read now), or null; a reason is reported once.
     */
    default String rearmWanted() {
        return null;
    }

    @Override
    void close();

    /** A watcher error for people: the root cause's message, with the fix for the inotify limit. */
    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof UncheckedIOException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        if (m != null && m.contains("inotify watches")) {
            return "the inotify watch limit is reached (raise fs.inotify.max_user_watches)";
        }
        if (m == null && c.getStackTrace().length > 0) {
            // a bare NullPointerException from the watcher library (a directory deleted while it registered it)
            // says nothing by its name alone: where it came from is what a bug report needs
            StackTraceElement at = c.getStackTrace()[0];
            for (StackTraceElement e : c.getStackTrace()) { // past Objects.requireNonNull and the like
                if (!e.getClassName().startsWith("java.") && !e.getClassName().startsWith("jdk.")) {
                    at = e;
                    break;
                }
            }
            return c.getClass().getSimpleName() + " at " + at.getClassName() + "." + at.getMethodName()
                    + (at.getLineNumber() > 0 ? ":" + at.getLineNumber() : "");
        }
        return m == null ? c.getClass().getSimpleName() : m;
    }
}
