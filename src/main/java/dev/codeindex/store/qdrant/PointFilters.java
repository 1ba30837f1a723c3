package dev.codeindex.store.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;

import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.SearchFilter;
import io.qdrant.client.grpc.Common.Filter;

/**
 * Turns a {@link SearchFilter} into a Qdrant filter. Qdrant matches keywords exactly and has no
 * prefix match, so a path prefix is split at its last {@code /}: the directory part is matched
 * exactly against the {@link PointPayload#DIRS} keywords on the server, and whatever follows it
 * ({@code Foo} in {@code src/Foo}) is checked on this side by {@link #passes}.
 */
final class PointFilters {
    private PointFilters() {}

    /** What the server can check of {@code f}: its language, kind and the directory part of its path prefix. */
    static Filter server(SearchFilter f) {
        Filter.Builder b = Filter.newBuilder();
        if (f.language() != null) {
            b.addMust(matchKeyword(PointPayload.LANGUAGE, f.language()));
        }
        if (f.kind() != null) {
            b.addMust(matchKeyword(PointPayload.KIND, f.kind()));
        }
        String dir = directoryPart(f.pathPrefix());
        if (!dir.isEmpty()) {
            b.addMust(matchKeyword(PointPayload.DIRS, dir));
        }
        return b.build();
    }

    /** Whether the server's answer still needs {@link #passes}: the prefix goes on past its last {@code /}. */
    static boolean checkedHere(SearchFilter f) {
        return f.pathPrefix() != null && directoryPart(f.pathPrefix()).length() < f.pathPrefix().length();
    }

    static boolean passes(SearchFilter f, String path) {
        return f.pathPrefix() == null || path.startsWith(f.pathPrefix());
    }

    static Filter path(String path) {
        return Filter.newBuilder().addMust(matchKeyword(PointPayload.PATH, path)).build();
    }

    /** Points whose whole symbol is {@code identifier}, ignoring case. */
    static Filter symbolFull(String identifier, SearchFilter f) {
        return server(f).toBuilder().addMust(matchKeyword(PointPayload.SYMBOL_FULL, PointPayload.lower(identifier)))
                .build();
    }

    /** Points whose symbol ends in the last part of {@code identifier} but is not all of it. */
    static Filter symbolLastOnly(String identifier, SearchFilter f) {
        String id = PointPayload.lower(identifier);
        return server(f).toBuilder().addMust(matchKeyword(PointPayload.SYMBOL_LAST, Symbols.lastPart(id)))
                .addMustNot(matchKeyword(PointPayload.SYMBOL_FULL, id)).build();
    }

    private static String directoryPart(String prefix) {
        return prefix == null ? "" : prefix.substring(0, prefix.lastIndexOf('/') + 1);
    }

    /** Points that define {@code identifier} (a name without dots) inside themselves and are not a symbol match. */
    static Filter symbolInnerOnly(String identifier, SearchFilter f) {
        String id = PointPayload.lower(identifier);
        return server(f).toBuilder().addMust(matchKeyword(PointPayload.SYMBOL_INNER, id))
                .addMustNot(matchKeyword(PointPayload.SYMBOL_LAST, id)).build();
    }
}
