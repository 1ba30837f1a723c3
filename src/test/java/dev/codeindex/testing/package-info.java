/**
 * Fakes shared by the tests of every package: an embedder ({@link dev.codeindex.testing.FakeEmbedder}),
 * a vector store ({@link dev.codeindex.testing.FakeVectorStore}), a manifest wrapper with hooks
 * ({@link dev.codeindex.testing.InterceptingManifest}), time ({@link dev.codeindex.testing.FakeClock}
 * and {@link dev.codeindex.testing.FakeSleeper}, which is also the daemon's {@code Pause}), a daemon
 * ({@link dev.codeindex.testing.FakeDaemon}) and an HTTP client for local servers
 * ({@link dev.codeindex.testing.LocalHttp}). The fakes can be told to fail or to be slow, so tests of
 * the code around them can check what happens then.
 *
 * <p>Protocol-level fakes (the HTTP embedding server, the Qdrant gRPC server) stay beside the clients
 * they stand in for, as they use those packages' internals.
 */
package dev.codeindex.testing;
