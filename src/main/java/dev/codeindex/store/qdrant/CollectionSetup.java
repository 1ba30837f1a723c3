package dev.codeindex.store.qdrant;

import dev.codeindex.store.StoreConfigException;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;

/**
 * Makes sure the collection exists and fits: created when missing, laid out so that a large index
 * does not live in RAM (vectors, payload, HNSW graph and keyword indexes on disk), cosine distance
 * like the embedded store. An existing collection must hold vectors of the embedder's size.
 */
final class CollectionSetup {
    private CollectionSetup() {}

    /**
     * @throws StoreConfigException when the collection exists with another vector size or distance (exit code 2)
     * @throws dev.codeindex.store.StoreUnavailableException when the server cannot be reached or refuses
     */
    static void ensure(QdrantGrpcClient grpc, BoundedCalls calls, QdrantSettings s) {
        String name = s.collection();
        boolean exists = calls.await(grpc.collections().collectionExists(
                CollectionExistsRequest.newBuilder().setCollectionName(name).build()),
                "checking collection '" + name + "'").getResult().getExists();
        if (!exists && !calls.await(grpc.collections().create(createRequest(s)),
                "creating collection '" + name + "'").getResult()) {
            throw calls.refused("creating collection '" + name + "'", "the server did not create it");
        }
        CollectionInfo info = calls.await(grpc.collections().get(
                GetCollectionInfoRequest.newBuilder().setCollectionName(name).build()),
                "reading collection '" + name + "'").getResult();
        checkVectors(info, s);
        // Also on an existing collection: a run stopped between creating it and indexing its fields.
        for (String field : PointPayload.KEYWORD_FIELDS) {
            if (!info.containsPayloadSchema(field)) {
                calls.awaitApplied(grpc.points().createFieldIndex(keywordIndex(s, field)),
                        "indexing field '" + field + "' of collection '" + name + "'");
            }
        }
    }

    static CreateCollection createRequest(QdrantSettings s) {
        VectorParams vectors = VectorParams.newBuilder().setSize(s.dimension()).setDistance(Distance.Cosine)
                .setOnDisk(true).build();
        return CreateCollection.newBuilder()
                .setCollectionName(s.collection())
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(vectors))
                .setHnswConfig(HnswConfigDiff.newBuilder().setOnDisk(true))
                .setOnDiskPayload(true)
                .setShardNumber(s.shardNumber())
                .setReplicationFactor(s.replicationFactor())
                .setWriteConsistencyFactor(s.writeConsistencyFactor())
                .setTimeout(Math.max(1, s.timeout().toSeconds()))
                .build();
    }

    private static CreateFieldIndexCollection keywordIndex(QdrantSettings s, String field) {
        return CreateFieldIndexCollection.newBuilder()
                .setCollectionName(s.collection())
                .setFieldName(field)
                .setFieldType(FieldType.FieldTypeKeyword)
                .setFieldIndexParams(PayloadIndexParams.newBuilder()
                        .setKeywordIndexParams(KeywordIndexParams.newBuilder().setOnDisk(true)))
                .setWait(true)
                .build();
    }

    private static void checkVectors(CollectionInfo info, QdrantSettings s) {
        VectorsConfig vc = info.getConfig().getParams().getVectorsConfig();
        if (!vc.hasParams()) {
            throw mismatch(s, "named vectors");
        }
        VectorParams p = vc.getParams();
        if (p.getSize() != s.dimension() || p.getDistance() != Distance.Cosine) {
            throw mismatch(s, "vectors of size " + p.getSize() + " with " + p.getDistance() + " distance");
        }
    }

    private static StoreConfigException mismatch(QdrantSettings s, String holds) {
        return new StoreConfigException("config key store.collection: Qdrant collection '" + s.collection() + "' at "
                + s.url() + " holds " + holds + ", but this embedder makes vectors of size " + s.dimension()
                + " compared by Cosine distance; vectors of two models never mix: use another collection"
                + " (--collection) or delete that one");
    }
}
