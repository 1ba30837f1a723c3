package dev.codeindex.store.qdrant;

import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>{@link #startTcp()} also serves it on a loopback TCP port (plaintext HTTP/2, gRPC's Netty
 * transport), so code that opens a store from a URL, such as the CLI, can be tested end to end.
 *
 * <p>Thread-safe: every call runs under the server's lock; the records are read by the test thread.
 */
public final class FakeQdrant implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();
    static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

    final String name = "fake-qdrant-" + SERVERS.incrementAndGet();
    /** What the store is told its server is: the TCP address when served on one, else only error messages show it. */
    final String url;
    private final Server server;
    /** Null unless {@link #startTcp()}. */
    private final Server tcp;

    final Map<String, FakeCollection> collections = new HashMap<>();
    final List<CreateCollection> creates = new ArrayList<>();
    final List<CreateFieldIndexCollection> fieldIndexes = new ArrayList<>();
    final List<UpsertPoints> upserts = new ArrayList<>();
    final List<DeletePoints> deletes = new ArrayList<>();
    final List<QueryPoints> queries = new ArrayList<>();
    final List<ScrollPoints> scrolls = new ArrayList<>();
    final List<GetPoints> gets = new ArrayList<>();
    /** The {@code api-key} header of each call, or null. */
    final List<String> apiKeys = new ArrayList<>();

    private volatile Status failure;
    private volatile boolean silent;
    volatile UpdateStatus writeStatus = UpdateStatus.Completed;

    private FakeQdrant(boolean overTcp) {
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
        FakeCollectionsService collectionsService = new FakeCollectionsService(this);
        FakePointsService pointsService = new FakePointsService(this);
        server = start(InProcessServerBuilder.forName(name).directExecutor(), collectionsService, pointsService, keys);
        if (overTcp) {
            try {
                tcp = start(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        InsecureServerCredentials.create()), collectionsService, pointsService, keys);
            } catch (RuntimeException e) {
                server.shutdownNow();
                throw e;
            }
        } else {
            tcp = null;
        }
        url = tcp == null ? "http://" + name + ":6334"
                : "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + tcp.getPort();
    }

    private static Server start(ServerBuilder<?> builder, FakeCollectionsService collections, FakePointsService points,
                                ServerInterceptor keys) {
        try {
            return builder.addService(ServerInterceptors.intercept(collections, keys))
                    .addService(ServerInterceptors.intercept(points, keys)).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeQdrant start() {
        return new FakeQdrant(false);
    }

    /** Also serves on a free loopback port: {@link #url()} reaches it from any Qdrant client. */
    public static FakeQdrant startTcp() {
        return new FakeQdrant(true);
    }

    /** {@code http://127.0.0.1:PORT} when served over TCP. */
    public String url() {
        return url;
    }

    public synchronized Set<String> collectionNames() {
        return new TreeSet<>(collections.keySet());
    }

    /** Like deleting a collection on the server, or a fresh Qdrant: every point of it is gone. */
    public synchronized void dropCollection(String collection) {
        collections.remove(collection);
    }

    public synchronized long pointCount(String collection) {
        FakeCollection c = collections.get(collection);
        return c == null ? 0 : c.points.size();
    }

    /** The paths the collection's points carry, each once. */
    public synchronized Set<String> paths(String collection) {
        Set<String> out = new TreeSet<>();
        collections.get(collection).points.values().forEach(p -> out.add(PointPayload.path(p.payload())));
        return out;
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
        if (tcp != null) {
            tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
