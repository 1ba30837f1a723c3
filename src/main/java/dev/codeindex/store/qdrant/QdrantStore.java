package dev.codeindex.store.qdrant;

import dev.codeindex.chunk.InnerDefinitions;
import dev.codeindex.store.PointRef;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import io.grpc.ManagedChannel;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Qdrant store: one collection on a Qdrant server or cluster, over gRPC with the official
 * client's {@link QdrantGrpcClient}. (Its higher-level {@code QdrantClient} logs every failed call
 * at ERROR with a stack trace; this store reports each failure once, as an exception.)
 *
 * <p>Durability: every write is sent with {@code wait=true} and counts only once the server answers
 * {@code Completed}, so when a write returns it is durable and {@link #commit()} has nothing to do.
 *
 * <p>Memory: writes go in batches of {@link #BATCH} points and reads in pages of {@link #PAGE}, far
 * below gRPC's 4 MB answer limit, whatever {@code k} is.
 *
 * <p>Threading: thread-safe, like the gRPC stubs it uses. Errors: any failed, refused or late call
 * throws {@link dev.codeindex.store.StoreUnavailableException} naming the URL; no call waits longer
 * than the settings' timeout (plus {@link BoundedCalls#GRACE}).
 */
public final class QdrantStore implements VectorStore {
    private static final Logger log = LoggerFactory.getLogger(QdrantStore.class);
    /** Points per upsert or delete call. */
    static final int BATCH = 256;
    /** Points per search or scroll answer. */
    static final int PAGE = 256;
    /** A path prefix that goes on past its last {@code /} is checked here: look at most this many candidates per hit. */
    static final int PREFIX_SCAN_FACTOR = 8;
    /**
     * Symbol hits are ranked, not measured: whole-name matches above last-part matches above points that
     * define the name inside themselves, as LuceneStore boosts them.
     */
    static final double FULL_NAME_SCORE = 2;
    static final double LAST_PART_SCORE = 1;
    static final double INNER_SCORE = 0.5;

    private final QdrantSettings settings;
    private final QdrantGrpcClient grpc;
    private final BoundedCalls calls;

    private QdrantStore(QdrantSettings settings, QdrantGrpcClient grpc) {
        this.settings = settings;
        this.grpc = grpc;
        this.calls = new BoundedCalls(settings.url(), settings.timeout());
    }

    /**
     * Connects, and creates the collection when it is missing (see {@link CollectionSetup}). The
     * client's server-version check is off: it is a blocking call of its own, and it only warns.
     *
     * @throws dev.codeindex.store.StoreUnavailableException when the server cannot be reached
     * @throws dev.codeindex.store.StoreConfigException when the collection holds vectors of another size
     */
    public static QdrantStore open(QdrantSettings s) {
        return open(s, QdrantGrpcClient.newBuilder(s.host(), s.port(), s.tls(), false));
    }

    /** Over a channel of the caller's (tests use an in-process one); closing the store shuts it down. */
    static QdrantStore open(QdrantSettings s, ManagedChannel channel) {
        return open(s, QdrantGrpcClient.newBuilder(channel, true, false));
    }

    private static QdrantStore open(QdrantSettings s, QdrantGrpcClient.Builder builder) {
        if (s.apiKey() != null) {
            if (!s.tls()) {
                log.warn("the Qdrant API key goes in plaintext to {}; use an https:// URL", s.url());
            }
            builder.withApiKey(s.apiKey());
        }
        QdrantStore store = new QdrantStore(s, builder.withTimeout(s.timeout()).build());
        try {
            CollectionSetup.ensure(store.grpc, store.calls, s);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void upsert(List<StoredChunk> chunks) {
        for (StoredChunk c : chunks) {
            if (c.vector() == null) { // acceptsPointsWithoutVectors() is false: the indexer embeds first here
                throw new IllegalArgumentException("a Qdrant point needs its vector: " + c.path() + " chunk " + c.id());
            }
        }
        for (int i = 0; i < chunks.size(); i += BATCH) {
            List<StoredChunk> batch = chunks.subList(i, Math.min(i + BATCH, chunks.size()));
            UpsertPoints request = UpsertPoints.newBuilder().setCollectionName(settings.collection())
                    .addAllPoints(batch.stream().map(PointPayload::point).toList()).setWait(true).build();
            calls.awaitApplied(grpc.points().upsert(request), "writing " + batch.size() + " points" + into());
        }
    }

    @Override
    public void delete(Collection<String> ids) {
        List<PointId> all = ids.stream().map(PointPayload::id).toList();
        for (int i = 0; i < all.size(); i += BATCH) {
            List<PointId> batch = all.subList(i, Math.min(i + BATCH, all.size()));
            delete(PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder().addAllIds(batch)).build(),
                    "deleting " + batch.size() + " points");
        }
    }

    @Override
    public void deleteByPath(String path) {
        delete(PointsSelector.newBuilder().setFilter(PointFilters.path(path)).build(), "deleting the points of " + path);
    }

    private void delete(PointsSelector which, String what) {
        calls.awaitApplied(grpc.points().delete(DeletePoints.newBuilder().setCollectionName(settings.collection())
                .setPoints(which).setWait(true).build()), what + in());
    }

    /**
     * Scores are Qdrant's cosine similarity mapped to {@code (1 + cos) / 2}, the scale of
     * LuceneStore's cosine scores, so both stores print alike.
     */
    @Override
    public List<SearchHit> search(float[] vector, int k, SearchFilter filter) {
        QueryPoints.Builder request = QueryPoints.newBuilder().setCollectionName(settings.collection())
                .setQuery(QueryFactory.nearest(vector)).setWithPayload(WithPayloadSelectorFactory.enable(true));
        Filter server = PointFilters.server(filter);
        if (server.getMustCount() > 0) {
            request.setFilter(server);
        }
        long candidates = PointFilters.checkedHere(filter) ? (long) k * PREFIX_SCAN_FACTOR : k;
        List<SearchHit> out = new ArrayList<>();
        for (long offset = 0; out.size() < k && offset < candidates; offset += PAGE) {
            int limit = (int) Math.min(PAGE, candidates - offset);
            List<ScoredPoint> page = calls.await(grpc.points().query(request.setOffset(offset).setLimit(limit).build()),
                    "searching" + in()).getResultList();
            for (ScoredPoint p : page) {
                SearchHit h = PointPayload.hit(p.getPayloadMap(), (1 + p.getScore()) / 2);
                if (out.size() < k && PointFilters.passes(filter, h.path())) {
                    out.add(h);
                }
            }
            if (page.size() < limit) {
                break;
            }
        }
        return out;
    }

    /**
     * Whole-name matches first, then last-part matches, then (for a name without dots) points that
     * define the name inside themselves, each in Qdrant's id order.
     */
    @Override
    public List<SearchHit> searchSymbol(String identifier, int k, SearchFilter filter) {
        List<SearchHit> out = new ArrayList<>();
        scroll(PointFilters.symbolFull(identifier, filter), filter, FULL_NAME_SCORE, k, out);
        scroll(PointFilters.symbolLastOnly(identifier, filter), filter, LAST_PART_SCORE, k, out);
        if (InnerDefinitions.mayName(identifier)) {
            scroll(PointFilters.symbolInnerOnly(identifier, filter), filter, INNER_SCORE, k, out);
        }
        return out;
    }

    private void scroll(Filter which, SearchFilter filter, double score, int k, List<SearchHit> out) {
        PointId offset = null;
        while (out.size() < k) {
            int limit = PointFilters.checkedHere(filter) ? PAGE : Math.min(PAGE, k - out.size());
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(settings.collection())
                    .setFilter(which).setLimit(limit).setWithPayload(WithPayloadSelectorFactory.enable(true));
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse page = calls.await(grpc.points().scroll(request.build()), "looking up a symbol" + in());
            for (RetrievedPoint p : page.getResultList()) {
                SearchHit h = PointPayload.hit(p.getPayloadMap(), score);
                if (out.size() < k && PointFilters.passes(filter, h.path())) {
                    out.add(h);
                }
            }
            if (!page.hasNextPageOffset()) {
                return;
            }
            offset = page.getNextPageOffset();
        }
    }

    /** Scrolls the points of one path with payload and vector; text is the stored snippet. */
    @Override
    public List<StoredChunk> chunksOf(String path) {
        List<StoredChunk> out = new ArrayList<>();
        PointId offset = null;
        while (true) {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(settings.collection())
                    .setFilter(PointFilters.path(path)).setLimit(PAGE)
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .setWithVectors(WithVectorsSelectorFactory.enable(true));
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse page = calls.await(grpc.points().scroll(request.build()), "reading a file's points" + in());
            for (RetrievedPoint p : page.getResultList()) {
                out.add(PointPayload.chunk(p.getId().getUuid(), p.getPayloadMap(),
                        p.hasVectors() && p.getVectors().hasVector() ? dense(p.getVectors().getVector()) : null));
            }
            if (!page.hasNextPageOffset()) {
                break;
            }
            offset = page.getNextPageOffset();
        }
        out.sort(java.util.Comparator.comparingInt(StoredChunk::startLine).thenComparingInt(StoredChunk::endLine));
        return out;
    }

    /** A dense vector as the server sends it: in {@code dense}, or in the older {@code data} field. */
    private static List<Float> dense(io.qdrant.client.grpc.Points.VectorOutput v) {
        List<Float> data = v.hasDense() ? v.getDense().getDataList() : List.of();
        return data.isEmpty() ? v.getDataList() : data;
    }

    /** Exact, not Qdrant's estimate. */
    @Override
    public long count() {
        return calls.await(grpc.points().count(CountPoints.newBuilder().setCollectionName(settings.collection())
                .setExact(true).build()), "counting points" + in()).getResult().getCount();
    }

    /** Asks for the points by id, without payload or vector, {@link #BATCH} ids per call. */
    @Override
    public Set<String> existing(Collection<String> ids) {
        List<PointId> all = ids.stream().map(PointPayload::id).toList();
        Set<String> out = new HashSet<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            List<PointId> batch = all.subList(i, Math.min(i + BATCH, all.size()));
            GetPoints request = GetPoints.newBuilder().setCollectionName(settings.collection()).addAllIds(batch)
                    .setWithPayload(WithPayloadSelectorFactory.enable(false))
                    .setWithVectors(WithVectorsSelectorFactory.enable(false)).build();
            for (RetrievedPoint p : calls.await(grpc.points().get(request), "looking up " + batch.size() + " points"
                    + in()).getResultList()) {
                out.add(p.getId().getUuid());
            }
        }
        return out;
    }

    /**
     * Scrolls the collection in id order, {@code pageSize} points per call with only their path.
     * Each page starts after the last id seen, so deleting listed points does not skip others.
     */
    @Override
    public void forEachPoint(int pageSize, Consumer<List<PointRef>> page) {
        PointId offset = null;
        while (true) {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(settings.collection())
                    .setLimit(pageSize).setWithPayload(WithPayloadSelectorFactory.include(List.of(PointPayload.PATH)))
                    .setWithVectors(WithVectorsSelectorFactory.enable(false));
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse answer = calls.await(grpc.points().scroll(request.build()), "listing points" + in());
            List<PointRef> refs = answer.getResultList().stream()
                    .map(p -> new PointRef(p.getId().getUuid(), PointPayload.path(p.getPayloadMap())))
                    .toList();
            if (!refs.isEmpty()) {
                page.accept(refs);
            }
            if (!answer.hasNextPageOffset()) {
                return;
            }
            offset = answer.getNextPageOffset();
        }
    }

    /** Nothing to do: every write already waited until the server applied it. */
    @Override
    public void commit() {
        // see the class comment: writes are durable when they return
    }

    /** Shuts the channel down, waiting at most the client's 5 seconds. */
    @Override
    public void close() {
        grpc.close();
    }

    private String into() {
        return " into collection '" + settings.collection() + "'";
    }

    private String in() {
        return " in collection '" + settings.collection() + "'";
    }
}
