package dev.codeindex.store.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** One collection of {@link FakeQdrant}. Not thread-safe: the server holds its lock around every call. */
final class FakeCollection {
    /** A stored point; cosine distance, so Qdrant keeps vectors normalized and scores by dot product. */
    record FakePoint(String id, float[] unit, Map<String, Value> payload) {}

    final CreateCollection config;
    final Map<String, PayloadSchemaInfo> payloadSchema = new LinkedHashMap<>();
    /** By id, Qdrant's scroll order (a canonical UUID string sorts as its 128-bit number). */
    final TreeMap<String, FakePoint> points = new TreeMap<>();

    FakeCollection(CreateCollection config) {
        if (!config.getVectorsConfig().hasParams() || config.getVectorsConfig().getParams().getSize() < 1) {
            throw Status.INVALID_ARGUMENT.withDescription("Wrong input: one unnamed vector of a positive size")
                    .asRuntimeException();
        }
        this.config = config;
    }

    long dimension() {
        return config.getVectorsConfig().getParams().getSize();
    }

    CollectionInfo info() {
        CollectionParams params = CollectionParams.newBuilder()
                .setShardNumber(config.getShardNumber())
                .setOnDiskPayload(config.getOnDiskPayload())
                .setVectorsConfig(config.getVectorsConfig())
                .setReplicationFactor(config.getReplicationFactor())
                .setWriteConsistencyFactor(config.getWriteConsistencyFactor())
                .build();
        return CollectionInfo.newBuilder().setStatus(CollectionStatus.Green)
                .setConfig(CollectionConfig.newBuilder().setParams(params).setHnswConfig(config.getHnswConfig()))
                .putAllPayloadSchema(payloadSchema).setPointsCount(points.size()).build();
    }

    void upsert(PointStruct p) {
        String id = uuid(p.getId());
        if (!p.getVectors().hasVector()) {
            throw invalid("the point " + id + " has no unnamed vector");
        }
        Vector v = p.getVectors().getVector();
        List<Float> data = v.hasDense() ? v.getDense().getDataList() : v.getDataList();
        if (data.size() != dimension()) {
            throw invalid("Vector dimension error: expected dim: " + dimension() + ", got " + data.size());
        }
        points.put(id, new FakePoint(id, unit(data), Map.copyOf(p.getPayloadMap())));
    }

    List<FakePoint> matching(Filter f) {
        return points.values().stream().filter(p -> FakeFilter.matches(f, p.id(), p.payload())).toList();
    }

    /** Qdrant's ids are UUIDs or numbers; the store only sends UUIDs. */
    static String uuid(PointId id) {
        if (!id.hasUuid()) {
            throw FakeFilter.unimplemented("numeric point ids");
        }
        try {
            return UUID.fromString(id.getUuid()).toString();
        } catch (IllegalArgumentException e) {
            throw invalid("Unable to parse UUID: " + id.getUuid());
        }
    }

    static float[] unit(List<Float> data) {
        double norm = Math.sqrt(data.stream().mapToDouble(x -> x * x).sum());
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (data.get(i) / norm);
        }
        return out;
    }

    private static RuntimeException invalid(String why) {
        return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + why).asRuntimeException();
    }
}
