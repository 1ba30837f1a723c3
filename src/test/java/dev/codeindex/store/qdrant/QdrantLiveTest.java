package dev.codeindex.store.qdrant;

import dev.codeindex.store.VectorStore;
import dev.codeindex.store.VectorStoreContract;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract against a real Qdrant, run only when {@code QDRANT_URL} names one (e.g.
 * {@code http://localhost:6334}; {@code QDRANT_API_KEY} when it wants a key). Each test gets a
 * throwaway collection, deleted afterwards.
 */
@EnabledIfEnvironmentVariable(named = "QDRANT_URL", matches = ".+")
class QdrantLiveTest extends VectorStoreContract {
    private final QdrantSettings settings = new QdrantSettings(System.getenv("QDRANT_URL"),
            System.getenv(QdrantSettings.API_KEY_ENV), "codeindex-test-" + UUID.randomUUID(), 8, 1, 1, 1,
            Duration.ofSeconds(30));

    @Override
    protected VectorStore open() {
        return QdrantStore.open(settings);
    }

    @AfterEach
    void deleteCollection() throws Exception {
        QdrantGrpcClient.Builder b = QdrantGrpcClient.newBuilder(settings.host(), settings.port(), settings.tls(), false);
        if (settings.apiKey() != null) {
            b.withApiKey(settings.apiKey());
        }
        try (QdrantGrpcClient client = b.withTimeout(settings.timeout()).build()) {
            client.collections().delete(DeleteCollection.newBuilder().setCollectionName(settings.collection()).build())
                    .get(settings.timeout().toSeconds(), TimeUnit.SECONDS);
        }
    }
}
