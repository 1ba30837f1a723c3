package dev.codeindex.store.qdrant;

import dev.codeindex.store.VectorStore;
import dev.codeindex.store.VectorStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract against {@link QdrantStore} over real gRPC, served by {@link FakeQdrant}. */
class QdrantStoreTest extends VectorStoreContract {
    private FakeQdrant server;

    @BeforeEach
    void startServer() {
        server = FakeQdrant.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    @Override
    protected VectorStore open() {
        return QdrantStore.open(server.settings("contract", 8), server.channel());
    }
}
