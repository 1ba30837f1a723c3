package dev.codeindex.store.qdrant;

import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;

import dev.codeindex.chunk.InnerDefinitions;
import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.Snippets;
import dev.codeindex.store.StoredChunk;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a point carries besides its vector: the fields {@link dev.codeindex.store.lucene.LuceneStore}
 * stores (enough to rebuild a {@link SearchHit}), plus the keyword fields Qdrant filters on in place
 * of Lucene's term and prefix queries. The chunk's full text is not kept, as in LuceneStore: only
 * its snippet.
 */
final class PointPayload {
    static final String PATH = "path";
    /** Every directory prefix of the path, each ending in {@code /}: a path prefix filter matches one exactly. */
    static final String DIRS = "dirs";
    static final String LANGUAGE = "language";
    static final String CHUNK_HASH = "chunkHash";
    static final String START_LINE = "startLine";
    static final String END_LINE = "endLine";
    static final String SYMBOL = "symbol";
    /**
     * The lines of the definition a chunk is a window of, only when they are not the chunk's own lines (as
     * in LuceneStore); a point without them is its own region.
     */
    static final String REGION_START = "regionStart";
    static final String REGION_END = "regionEnd";
    /** The symbol lower-cased, as LuceneStore's {@code symbolFull}. */
    static final String SYMBOL_FULL = "symbolFull";
    /** The lower-cased part after the last dot, as LuceneStore's {@code symbolLast}. */
    static final String SYMBOL_LAST = "symbolLast";
    /** The lower-cased names the chunk defines inside itself, as LuceneStore's {@code symbolInner}. */
    static final String SYMBOL_INNER = "symbolInner";
    static final String KIND = "kind";
    static final String SNIPPET = "snippet";
    /** The fields filters name; each gets a keyword index. */
    static final List<String> KEYWORD_FIELDS = List.of(PATH, DIRS, LANGUAGE, SYMBOL_FULL, SYMBOL_LAST,
            SYMBOL_INNER);

    private PointPayload() {}

    static PointStruct point(StoredChunk c) {
        Map<String, Value> p = new HashMap<>();
        p.put(PATH, value(c.path()));
        p.put(DIRS, list(dirs(c.path()).stream().map(d -> value(d)).toList()));
        p.put(LANGUAGE, value(c.language()));
        p.put(CHUNK_HASH, value(c.chunkHash()));
        p.put(START_LINE, value(c.startLine()));
        p.put(END_LINE, value(c.endLine()));
        if (c.isWindow()) {
            p.put(REGION_START, value(c.regionStart()));
            p.put(REGION_END, value(c.regionEnd()));
        }
        p.put(SYMBOL, value(c.symbol()));
        p.put(SYMBOL_FULL, value(lower(c.symbol())));
        p.put(SYMBOL_LAST, value(Symbols.lastPart(lower(c.symbol()))));
        p.put(SYMBOL_INNER, list(InnerDefinitions.of(c.language(), c.text(), c.symbol()).stream().map(n -> value(n))
                .toList()));
        p.put(KIND, value(c.kind()));
        p.put(SNIPPET, value(Snippets.of(c.text())));
        return PointStruct.newBuilder().setId(id(c.id())).setVectors(VectorsFactory.vectors(c.vector()))
                .putAllPayload(p).build();
    }

    static SearchHit hit(Map<String, Value> p, double score) {
        int start = (int) p.get(START_LINE).getIntegerValue();
        int end = (int) p.get(END_LINE).getIntegerValue();
        return new SearchHit(p.get(PATH).getStringValue(), start, end, p.get(SYMBOL).getStringValue(),
                p.get(LANGUAGE).getStringValue(), score, p.get(SNIPPET).getStringValue(), line(p, REGION_START, start),
                line(p, REGION_END, end));
    }

    /** A line number of the payload, or {@code absent} when it has none. */
    private static int line(Map<String, Value> p, String field, int absent) {
        Value v = p.get(field);
        return v == null ? absent : (int) v.getIntegerValue();
    }

    /** A point read back: its payload's fields, the snippet as text, and its vector when given (else null). */
    static StoredChunk chunk(String id, Map<String, Value> p, List<Float> vector) {
        float[] v = null;
        if (vector != null && !vector.isEmpty()) {
            v = new float[vector.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = vector.get(i);
            }
        }
        Value kind = p.get(KIND);
        int start = (int) p.get(START_LINE).getIntegerValue();
        int end = (int) p.get(END_LINE).getIntegerValue();
        return new StoredChunk(id, p.get(PATH).getStringValue(), start, end, p.get(SYMBOL).getStringValue(),
                kind == null ? "" : kind.getStringValue(), p.get(LANGUAGE).getStringValue(),
                p.get(SNIPPET).getStringValue(), p.get(CHUNK_HASH).getStringValue(), v, line(p, REGION_START, start),
                line(p, REGION_END, end));
    }

    /** The point's path; "" for a point codeindex did not write (the orphan sweep removes it). */
    static String path(Map<String, Value> p) {
        Value v = p.get(PATH);
        return v == null ? "" : v.getStringValue();
    }

    /**
     * Qdrant takes only UUIDs and integers as point ids; the indexer's are name-based UUIDs.
     *
     * @throws IllegalArgumentException for an id that is not a UUID
     */
    static PointId id(String id) {
        try {
            return PointIdFactory.id(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("point id '" + id + "' is not a UUID: Qdrant takes only UUID or"
                    + " integer ids (the indexer makes name-based UUIDs)", e);
        }
    }

    /** {@code a/b/C.java} → {@code a/}, {@code a/b/}. */
    static List<String> dirs(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(0, i + 1));
        }
        return out;
    }

    static String lower(String symbol) {
        return symbol.toLowerCase(Locale.ROOT);
    }
}
