/**
 * An embedder behind any server with OpenAI's {@code POST /v1/embeddings}: Ollama, LM Studio, vLLM,
 * text-embeddings-inference, OpenAI itself.
 *
 * <h2>Protocol</h2>
 * Each request is {@code {"model": M, "input": [texts], "encoding_format": "base64"}} with at most
 * the batch size of texts and, when a key is set, {@code Authorization: Bearer KEY}. Base64 float32
 * is what OpenAI's own clients ask for, and vLLM, text-embeddings-inference and OpenAI answer it; it
 * is a third of the bytes of JSON numbers and spares both sides printing and parsing ~400 numbers per
 * text. A server that rejects the field at the probe (a 4xx, or an answer that cannot be read) is
 * asked again without it and gets plain requests from then on; one that ignores it answers numbers,
 * which are read as well: the answer's {@code data[i].embedding} may be either. No {@code dimensions}
 * is sent. Items are put
 * back in input order by {@code index}; count, dimension and finiteness are checked; vectors are
 * scaled to unit length, as the store compares them by cosine and not every server normalises.
 *
 * <h2>Opening</h2>
 * {@link dev.codeindex.embed.http.HttpEmbedder#open} embeds one short text: a wrong URL, key or model
 * fails there, and the dimension is learnt before anything is stored. A configured dimension is
 * checked against it ({@link java.lang.IllegalArgumentException} on a mismatch). The model id is
 * {@code http:MODEL:DIMENSION}: the URL is left out (the same model elsewhere makes the same
 * vectors), so pin the model's tag, since a floating {@code latest} changes the vectors unseen.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>Refused connections, timeouts, 408, 429 and 5xx: retried up to the max attempts, waiting as
 *       {@code Retry-After} / {@code retry-after-ms} says or with exponential backoff and jitter,
 *       never longer than the max backoff; then
 *       {@link dev.codeindex.embed.EmbedderUnavailableException} with the endpoint and the last status
 *       and body. The caller keeps the work pending.</li>
 *   <li>401/403, other 4xx, or an invalid 2xx answer:
 *       {@link dev.codeindex.embed.http.HttpEmbedderException} at once, its reason saying which
 *       (authentication, bad request, bad response). A 400 for an input that is too long means the
 *       configured max tokens is above the server's window (Ollama: the model's {@code num_ctx}).</li>
 * </ul>
 *
 * <h2>Counting tokens</h2>
 * The model's tokenizer is out of reach, so {@link dev.codeindex.embed.http.TokenEstimator} counts
 * high on purpose. Measured against the bundled bge-small tokenizer (WordPiece) on 4,755 files (the
 * CPython 3.11 stdlib's .py files and a seeded sample of 3,000 JDK 25 files, leaving out those over
 * 400 KB or not UTF-8): whole files min 1.07x, median 1.58x, max 2.03x; 63,442
 * windows of 30 lines min 1.02x, median 1.51x, p99 1.89x, none under. Against OpenAI's cl100k
 * (byte-level BPE) on the same windows: min 1.10x, median 1.84x. The price is chunks about a third
 * smaller than the window would allow for a WordPiece model.
 */
package dev.codeindex.embed.http;
