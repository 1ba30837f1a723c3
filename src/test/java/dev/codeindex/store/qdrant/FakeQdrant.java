package dev.codeindex.store.qdrant;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Qdrant server for tests: the client jar's own generated {@code Collections} and {@code Points}
 * services, served in-process, keeping points in memory. It evaluates filters, cosine search,
 * counts, upserts and deletes for real, checks ids and vector sizes as Qdrant does, and records the
 * requests tests look at. Knobs: {@link #failWith} fails every call, {@link #stopAnswering} leaves
 * every call unanswered, {@link #writeStatus} answers writes with another status.
 *
 * <p>Thread-safe: every call runs under the server's lock; the records are read by the test thread.
 */
final class FakeQdrant implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();
    static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

    final String name = "fake-qdrant-" + SERVERS.incrementAndGet();
    /** What the store is told its server is; only error messages show it. */
    final String url = "http://" + name + ":6334";
    private final Server server;

    final Map<String, FakeCollection> collections = new HashMap<>();
    final List<CreateCollection> creates = new ArrayList<>();
    final List<CreateFieldIndexCollection> fieldIndexes = new ArrayList<>();
    final List<UpsertPoints> upserts = new ArrayList<>();
    final List<DeletePoints> deletes = new ArrayList<>();
    final List<QueryPoints> queries = new ArrayList<>();
    final List<ScrollPoints> scrolls = new ArrayList<>();
    /** The {@code api-key} header of each call, or null. */
    final List<String> apiKeys = new ArrayList<>();

    private volatile Status failure;
    private volatile boolean silent;
    volatile UpdateStatus writeStatus = UpdateStatus.Completed;

    private FakeQdrant() {
        ServerInterceptor keys = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                             ServerCallHandler<Q, A> next) {
                synchronized (FakeQdrant.this) {
                    apiKeys.add(headers.get(API_KEY));
                }
                return next.startCall(call, headers);
            }
        };
        try {
            server = InProcessServerBuilder.forName(name).directExecutor()
                    .addService(ServerInterceptors.intercept(new FakeCollectionsService(this), keys))
                    .addService(ServerInterceptors.intercept(new FakePointsService(this), keys))
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeQdrant start() {
        return new FakeQdrant();
    }

    /** A new channel to this server; the store that gets it shuts it down. */
    ManagedChannel channel() {
        return InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    QdrantSettings settings(String collection, int dimension) {
        return new QdrantSettings(url, null, collection, dimension, 1, 1, 1, Duration.ofSeconds(5));
    }

    void failWith(Status status) {
        failure = status;
    }

    /** Calls are received and never answered: only the caller's deadline ends them. */
    void stopAnswering() {
        silent = true;
    }

    synchronized FakeCollection collection(String name) {
        return collections.get(name);
    }

    /** Runs one call under the lock, honouring the knobs; a {@link StatusRuntimeException} becomes the answer. */
    <T> void answer(StreamObserver<T> out, Supplier<T> work) {
        if (silent) {
            return;
        }
        T result;
        try {
            if (failure != null) {
                throw failure.asRuntimeException();
            }
            synchronized (this) {
                result = work.get();
            }
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    /** The collection a request names, or NOT_FOUND as Qdrant answers. */
    FakeCollection existing(String name) {
        FakeCollection c = collections.get(name);
        if (c == null) {
            throw Status.NOT_FOUND.withDescription("Not found: Collection `" + name + "` doesn't exist!")
                    .asRuntimeException();
        }
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
