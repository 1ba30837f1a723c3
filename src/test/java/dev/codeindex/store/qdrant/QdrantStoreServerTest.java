package dev.codeindex.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.StoreConfigException;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.store.StoredChunk;
import io.grpc.ManagedChannel;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Qdrant store asks of the server: collection layout, indexes, writes, pages, prefix checks. */
class QdrantStoreServerTest {
    private FakeQdrant server;

    @BeforeEach
    void startServer() {
        server = FakeQdrant.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    static StoredChunk chunk(String name, String path, String symbol) {
        float[] v = new float[8];
        int h = Math.floorMod(name.hashCode(), 8);
        v[h] = 1;
        v[(h + 1) % 8] = 0.25f;
        return new StoredChunk(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), path, 1, 5,
                symbol, "method", "java", "body of " + name, "hash-" + name, v);
    }

    static List<StoredChunk> chunks(int n) {
        return IntStream.range(0, n).mapToObj(i -> chunk("c" + i, "src/F" + i + ".java", "F" + i + ".run")).toList();
    }

    private QdrantStore open(int dimension) {
        return QdrantStore.open(server.settings("code", dimension), server.channel());
    }

    @Test
    void a_new_collection_is_cosine_on_disk_with_the_given_size_and_cluster_settings() {
        QdrantSettings s = new QdrantSettings(server.url, null, "code", 16, 3, 2, 2, java.time.Duration.ofSeconds(5));
        QdrantStore.open(s, server.channel()).close();
        assertEquals(1, server.creates.size());
        CreateCollection c = server.creates.get(0);
        VectorParams v = c.getVectorsConfig().getParams();
        assertEquals(16, v.getSize());
        assertEquals(Distance.Cosine, v.getDistance());
        assertTrue(v.getOnDisk(), "vectors on disk");
        assertTrue(c.getHnswConfig().getOnDisk(), "HNSW graph on disk");
        assertTrue(c.getOnDiskPayload(), "payload on disk");
        assertEquals(List.of(3, 2, 2), List.of(c.getShardNumber(), c.getReplicationFactor(), c.getWriteConsistencyFactor()));
    }

    @Test
    void a_new_collection_gets_an_on_disk_keyword_index_for_every_filtered_field() {
        open(8).close();
        assertEquals(Set.of("path", "dirs", "language", "symbolFull", "symbolLast", "symbolInner"),
                Set.copyOf(server.fieldIndexes.stream().map(r -> r.getFieldName()).toList()));
        server.fieldIndexes.forEach(r -> {
            assertTrue(r.getWait());
            assertTrue(r.getFieldIndexParams().getKeywordIndexParams().getOnDisk(), r.getFieldName());
        });
        CollectionInfo info = server.collection("code").info();
        info.getPayloadSchemaMap().values().forEach(p -> assertEquals(PayloadSchemaType.Keyword, p.getDataType()));
    }

    @Test
    void an_existing_collection_is_reused_and_gets_only_the_indexes_it_lacks() throws InterruptedException {
        ManagedChannel raw = server.channel();
        CollectionsGrpc.newBlockingStub(raw).create(CreateCollection.newBuilder().setCollectionName("code")
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(8)
                        .setDistance(Distance.Cosine))).build());
        raw.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        open(8).close();
        open(8).close();
        assertEquals(1, server.creates.size(), "created once, by the test");
        assertEquals(PointPayload.KEYWORD_FIELDS.size(), server.fieldIndexes.size(), "each missing index made once");
        assertEquals(6, PointPayload.KEYWORD_FIELDS.size());
    }

    @Test
    void an_existing_collection_of_another_dimension_is_refused_clearly() {
        open(8).close();
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> open(16));
        assertTrue(e.getMessage().contains("store.collection") && e.getMessage().contains("'code'")
                && e.getMessage().contains("size 8") && e.getMessage().contains("size 16"), e.getMessage());
    }

    @Test
    void writes_wait_for_the_server_and_go_in_bounded_batches() {
        try (QdrantStore s = open(8)) {
            List<StoredChunk> all = chunks(600);
            s.upsert(all);
            assertEquals(List.of(256, 256, 88), server.upserts.stream().map(UpsertPoints::getPointsCount).toList());
            assertTrue(server.upserts.stream().allMatch(UpsertPoints::getWait));
            assertEquals(600, s.count());
            s.delete(all.subList(0, 300).stream().map(StoredChunk::id).toList());
            s.deleteByPath("src/F599.java");
            assertEquals(List.of(256, 44), server.deletes.stream().filter(d -> d.getPoints().hasPoints())
                    .map(d -> d.getPoints().getPoints().getIdsCount()).toList());
            assertTrue(server.deletes.stream().allMatch(DeletePoints::getWait));
            assertEquals(299, s.count());
        }
    }

    @Test
    void a_write_the_server_does_not_confirm_as_applied_fails() {
        try (QdrantStore s = open(8)) {
            server.writeStatus = UpdateStatus.WaitTimeout;
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> s.upsert(chunks(1)));
            assertTrue(e.getMessage().contains("WaitTimeout") && e.getMessage().contains(server.url), e.getMessage());
        }
    }

    @Test
    void a_point_id_that_is_not_a_uuid_is_refused_before_anything_is_sent() {
        try (QdrantStore s = open(8)) {
            StoredChunk c = chunk("x", "a.java", "A");
            StoredChunk bad = new StoredChunk("chunk-1", c.path(), 1, 2, "A", "class", "java", "t", "h", c.vector());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.upsert(List.of(bad)));
            assertTrue(e.getMessage().contains("'chunk-1'"), e.getMessage());
            assertEquals(List.of(), server.upserts);
        }
    }

    @Test
    void many_hits_come_back_in_pages_without_duplicates() {
        try (QdrantStore s = open(8)) {
            s.upsert(chunks(600));
            List<SearchHit> hits = s.search(chunks(1).get(0).vector(), 600, SearchFilter.NONE);
            assertEquals(600, new HashSet<>(hits.stream().map(SearchHit::path).toList()).size());
            assertTrue(server.queries.stream().allMatch(q -> q.getLimit() <= QdrantStore.PAGE));
            assertEquals(3, server.queries.size());
            List<SearchHit> symbols = s.searchSymbol("run", 600, SearchFilter.NONE);
            assertEquals(600, new HashSet<>(symbols.stream().map(SearchHit::path).toList()).size());
            assertTrue(server.scrolls.stream().allMatch(q -> q.getLimit() <= QdrantStore.PAGE));
        }
    }

    @Test
    void a_path_prefix_is_matched_by_directory_on_the_server_and_by_name_here() {
        try (QdrantStore s = open(8)) {
            s.upsert(List.of(chunk("1", "src/main/Alpha.java", "Alpha.run"), chunk("2", "src/main/Beta.java", "Beta.run"),
                    chunk("3", "src/mainx/Alpha.java", "Alpha.run"), chunk("4", "Alpha.java", "Alpha.run")));
            float[] q = chunk("1", "", "").vector();
            assertEquals(List.of("src/main/Alpha.java"), paths(s.search(q, 5, new SearchFilter(null, "src/main/Al"))));
            QueryPoints sent = server.queries.get(server.queries.size() - 1);
            assertEquals("src/main/", sent.getFilter().getMust(0).getField().getMatch().getKeyword());
            assertEquals(List.of("src/main/Alpha.java", "src/main/Beta.java"),
                    sorted(paths(s.search(q, 5, new SearchFilter("java", "src/main/")))));
            assertEquals(List.of("Alpha.java"), paths(s.searchSymbol("Alpha.run", 5, new SearchFilter(null, "Al"))));
            assertEquals(List.of(), s.search(q, 5, new SearchFilter("python", null)));
        }
    }

    @Test
    void whole_name_symbol_matches_rank_above_last_part_matches() {
        try (QdrantStore s = open(8)) {
            s.upsert(List.of(chunk("1", "a/Other.java", "Other.resize"), chunk("2", "b/resize.py", "resize"),
                    chunk("3", "c/HashMap.java", "HashMap.RESIZE")));
            List<SearchHit> hits = s.searchSymbol("Resize", 5, SearchFilter.NONE);
            assertEquals("b/resize.py", hits.get(0).path());
            assertEquals(Set.of("a/Other.java", "c/HashMap.java"), Set.copyOf(paths(hits.subList(1, 3))));
            assertTrue(hits.get(0).score() > hits.get(1).score());
            assertEquals(List.of("c/HashMap.java"), paths(s.searchSymbol("hashmap.resize", 1, SearchFilter.NONE)));
        }
    }

    private static List<String> paths(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::path).toList();
    }

    private static List<String> sorted(List<String> l) {
        List<String> out = new ArrayList<>(l);
        out.sort(null);
        return out;
    }
}
