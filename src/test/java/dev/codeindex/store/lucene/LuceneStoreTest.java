package dev.codeindex.store.lucene;

import dev.codeindex.store.VectorStore;
import dev.codeindex.store.VectorStoreContract;

class LuceneStoreTest extends VectorStoreContract {
    @Override
    protected VectorStore open() {
        return new LuceneStore(dir.resolve("lucene"));
    }
}
