package dev.codeindex.store.qdrant;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import io.qdrant.client.grpc.PointsGrpc;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The part of Qdrant's {@code Points} service the store uses; the rest answers UNIMPLEMENTED. */
final class FakePointsService extends PointsGrpc.PointsImplBase {
    /** Qdrant's default {@code limit} for queries and scrolls. */
    static final int DEFAULT_LIMIT = 10;

    private final FakeQdrant q;
    private final AtomicLong operations = new AtomicLong();

    FakePointsService(FakeQdrant q) {
        this.q = q;
    }

    @Override
    public void upsert(UpsertPoints r, StreamObserver<PointsOperationResponse> out) {
        q.answer(out, () -> {
            q.upserts.add(r);
            FakeCollection c = q.existing(r.getCollectionName());
            for (PointStruct p : r.getPointsList()) {
                c.upsert(p);
            }
            return applied(r.getWait());
        });
    }

    @Override
    public void delete(DeletePoints r, StreamObserver<PointsOperationResponse> out) {
        q.answer(out, () -> {
            q.deletes.add(r);
            FakeCollection c = q.existing(r.getCollectionName());
            PointsSelector s = r.getPoints();
            if (s.hasPoints()) {
                for (PointId id : s.getPoints().getIdsList()) {
                    c.points.remove(FakeCollection.uuid(id));
                }
            } else {
                c.matching(s.getFilter()).forEach(p -> c.points.remove(p.id()));
            }
            return applied(r.getWait());
        });
    }

    /** Without {@code wait}, Qdrant answers before applying: {@code Acknowledged}. */
    private PointsOperationResponse applied(boolean wait) {
        return PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                .setOperationId(operations.incrementAndGet())
                .setStatus(wait ? q.writeStatus : UpdateStatus.Acknowledged)).build();
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection r, StreamObserver<PointsOperationResponse> out) {
        q.answer(out, () -> {
            q.fieldIndexes.add(r);
            if (r.getFieldType() != FieldType.FieldTypeKeyword) {
                throw FakeFilter.unimplemented("field index type " + r.getFieldType());
            }
            q.existing(r.getCollectionName()).payloadSchema.put(r.getFieldName(), PayloadSchemaInfo.newBuilder()
                    .setDataType(PayloadSchemaType.Keyword).setParams(r.getFieldIndexParams()).build());
            return applied(r.getWait());
        });
    }

    /** Nearest dense vector only: the one query the store makes. */
    @Override
    public void query(QueryPoints r, StreamObserver<QueryResponse> out) {
        q.answer(out, () -> {
            q.queries.add(r);
            FakeCollection c = q.existing(r.getCollectionName());
            if (r.getPrefetchCount() > 0 || !r.getQuery().getNearest().hasDense() || r.hasScoreThreshold()
                    || !r.getUsing().isEmpty()) {
                throw FakeFilter.unimplemented("query " + r);
            }
            List<Float> v = r.getQuery().getNearest().getDense().getDataList();
            if (v.size() != c.dimension()) {
                throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Vector dimension error: expected dim: "
                        + c.dimension() + ", got " + v.size()).asRuntimeException();
            }
            float[] u = FakeCollection.unit(v);
            WithPayloadSelector payload = r.getWithPayload();
            List<ScoredPoint> hits = c.matching(r.getFilter()).stream()
                    .map(p -> ScoredPoint.newBuilder().setId(id(p.id())).setScore(dot(u, p.unit()))
                            .putAllPayload(payload(payload, p.payload())).build())
                    .sorted(Comparator.comparingDouble(ScoredPoint::getScore).reversed())
                    .skip(r.getOffset())
                    .limit(r.hasLimit() ? r.getLimit() : DEFAULT_LIMIT)
                    .toList();
            return QueryResponse.newBuilder().addAllResult(hits).build();
        });
    }

    @Override
    public void scroll(ScrollPoints r, StreamObserver<ScrollResponse> out) {
        q.answer(out, () -> {
            q.scrolls.add(r);
            FakeCollection c = q.existing(r.getCollectionName());
            String from = r.hasOffset() ? FakeCollection.uuid(r.getOffset()) : "";
            int limit = r.hasLimit() ? r.getLimit() : DEFAULT_LIMIT;
            boolean vectors = withVectors(r.getWithVectors());
            List<FakeCollection.FakePoint> page = c.matching(r.getFilter()).stream()
                    .filter(p -> p.id().compareTo(from) >= 0).limit(limit + 1L).toList();
            ScrollResponse.Builder b = ScrollResponse.newBuilder();
            for (FakeCollection.FakePoint p : page.subList(0, Math.min(limit, page.size()))) {
                RetrievedPoint.Builder point = RetrievedPoint.newBuilder().setId(id(p.id()))
                        .putAllPayload(payload(r.getWithPayload(), p.payload()));
                if (vectors) { // as Qdrant 1.13+ sends a dense vector: in `dense`, normalized for cosine
                    Points.DenseVector.Builder dense = Points.DenseVector.newBuilder();
                    for (float f : p.unit()) {
                        dense.addData(f);
                    }
                    point.setVectors(Points.VectorsOutput.newBuilder().setVector(Points.VectorOutput.newBuilder().setDense(dense)));
                }
                b.addResult(point.build());
            }
            if (page.size() > limit) {
                b.setNextPageOffset(id(page.get(limit).id()));
            }
            return b.build();
        });
    }

    /** Points by id; ids the collection does not hold are left out, as Qdrant does. */
    @Override
    public void get(GetPoints r, StreamObserver<GetResponse> out) {
        q.answer(out, () -> {
            q.gets.add(r);
            FakeCollection c = q.existing(r.getCollectionName());
            noVectors(r.getWithVectors());
            GetResponse.Builder b = GetResponse.newBuilder();
            for (PointId id : r.getIdsList()) {
                FakeCollection.FakePoint p = c.points.get(FakeCollection.uuid(id));
                if (p != null) {
                    b.addResult(RetrievedPoint.newBuilder().setId(id(p.id()))
                            .putAllPayload(payload(r.getWithPayload(), p.payload())).build());
                }
            }
            return b.build();
        });
    }

    @Override
    public void count(CountPoints r, StreamObserver<CountResponse> out) {
        q.answer(out, () -> {
            if (!r.getExact()) {
                throw FakeFilter.unimplemented("approximate counts");
            }
            long n = q.existing(r.getCollectionName()).matching(r.getFilter()).size();
            return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(n)).build();
        });
    }

    /** The payload a selector asks for: none, all, or only the included fields. */
    private static Map<String, Value> payload(WithPayloadSelector s, Map<String, Value> all) {
        if (s.hasExclude()) {
            throw FakeFilter.unimplemented("payload exclude selectors");
        }
        if (s.hasInclude()) {
            Map<String, Value> some = new HashMap<>();
            for (String field : s.getInclude().getFieldsList()) {
                if (all.containsKey(field)) {
                    some.put(field, all.get(field));
                }
            }
            return some;
        }
        return s.getEnable() ? all : Map.of();
    }

    /** Whether a scroll asks for every vector (the store reads a file's vectors back; named ones are not faked). */
    private static boolean withVectors(WithVectorsSelector s) {
        if (s.hasInclude()) {
            throw FakeFilter.unimplemented("returning named vectors");
        }
        return s.getEnable();
    }

    /** The store reads no vectors back from these calls. */
    private static void noVectors(WithVectorsSelector s) {
        if (s.hasInclude() || s.getEnable()) {
            throw FakeFilter.unimplemented("returning vectors");
        }
    }

    private static PointId id(String uuid) {
        return PointId.newBuilder().setUuid(uuid).build();
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
