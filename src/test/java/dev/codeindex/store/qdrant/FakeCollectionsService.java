package dev.codeindex.store.qdrant;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.CollectionsGrpc;

/** The part of Qdrant's {@code Collections} service the store uses; the rest answers UNIMPLEMENTED. */
final class FakeCollectionsService extends CollectionsGrpc.CollectionsImplBase {
    private final FakeQdrant q;

    FakeCollectionsService(FakeQdrant q) {
        this.q = q;
    }

    @Override
    public void collectionExists(CollectionExistsRequest r, StreamObserver<CollectionExistsResponse> out) {
        q.answer(out, () -> CollectionExistsResponse.newBuilder().setResult(
                CollectionExists.newBuilder().setExists(q.collections.containsKey(r.getCollectionName()))).build());
    }

    @Override
    public void create(CreateCollection r, StreamObserver<CollectionOperationResponse> out) {
        q.answer(out, () -> {
            q.creates.add(r);
            if (q.collections.containsKey(r.getCollectionName())) {
                throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Collection `" + r.getCollectionName()
                        + "` already exists!").asRuntimeException();
            }
            q.collections.put(r.getCollectionName(), new FakeCollection(r));
            return CollectionOperationResponse.newBuilder().setResult(true).build();
        });
    }

    @Override
    public void get(GetCollectionInfoRequest r, StreamObserver<GetCollectionInfoResponse> out) {
        q.answer(out, () -> GetCollectionInfoResponse.newBuilder()
                .setResult(q.existing(r.getCollectionName()).info()).build());
    }
}
