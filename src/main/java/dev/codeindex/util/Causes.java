package dev.codeindex.util;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An exception's chain of causes, walked from the exception itself: what went wrong is often wrapped (a
 * worker's failure in an {@code ExecutionException}, a file error in MapDB's or Lucene's own), so a check
 * of the outer exception alone misses it. A cause that is its own cause ends the walk.
 */
public final class Causes {
    private Causes() {}

    /** The first non-null answer of {@code f} for {@code t} and then each of its causes; null when there is none. */
    public static <T> T first(Throwable t, Function<Throwable, T> f) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            T answer = f.apply(c);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }

    /** The first of {@code t} and its causes that {@code p} holds for; null when none does. */
    public static Throwable find(Throwable t, Predicate<Throwable> p) {
        return first(t, c -> p.test(c) ? c : null);
    }
}
