package dev.codeindex.embed;

import java.util.List;

/**
 * Turns texts into vectors with one model.
 *
 * <p>Each model reads only its window ({@link #maxTokens()} of its own tokens, special tokens
 * included): text past it is invisible to the vector, so callers fit what they embed with
 * {@link #countTokens}. Threading: thread-safe; one shared instance per model.
 *
 * <p>Errors: {@link EmbedderUnavailableException} when the model cannot run (a remote server down,
 * a native library missing); callers keep the work pending and retry, never record it as done.
 */
public interface Embedder extends AutoCloseable {
    /** Identifies the model and its version; vectors of different ids never share a collection. */
    String modelId();

    int dimension();

    /** The model's window in its own tokens, special tokens included. */
    int maxTokens();

    /** Tokens of {@code text} as this model counts them, special tokens included. */
    int countTokens(String text);

    /**
     * How many texts a caller should hand {@link #embed} at once: enough to keep the model busy, few
     * enough that progress is reported and a stop is seen often.
     */
    default int textsPerCall() {
        return DEFAULT_TEXTS_PER_CALL;
    }

    /** {@link #textsPerCall()} unless an embedder says otherwise. */
    int DEFAULT_TEXTS_PER_CALL = 32;

    /**
     * Whether this embedder embeds about as fast as files are read and chunked (a GPU server): then a
     * first index gains nothing from storing the tree for keyword search first and embedding after,
     * and runs in one phase. A model run on this machine's CPU never does.
     */
    default boolean keepsPaceWithIndexing() {
        return false;
    }

    /** One vector per text, in order. */
    List<float[]> embed(List<String> texts);

    /**
     * Gets ready to embed (loads a model that loads on first use), so that a search that comes later
     * does not wait for it. Nothing for an embedder that is always ready.
     *
     * @throws EmbedderUnavailableException when it cannot get ready (as {@link #embed} would)
     */
    default void warmUp() {}

    /**
     * One vector per search query, in order: what {@link #embed} gives, unless the model wants its
     * queries marked (a model file with {@code embedder.queryPrefix}).
     */
    default List<float[]> embedQueries(List<String> queries) {
        return embed(queries);
    }

    @Override
    void close();
}
