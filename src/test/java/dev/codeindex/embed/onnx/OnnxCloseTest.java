package dev.codeindex.embed.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.EmbedderUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real bundled model is never released under a running call: close waits for the calls in
 * flight, and calls after it fail with a clear message instead of reaching freed native memory.
 */
class OnnxCloseTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() {
        caller.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    void close_waits_for_the_call_in_flight_and_later_calls_fail_clearly() throws Exception {
        OnnxEmbedder model = new OnnxEmbedder(BundledModel.MINILM, pool);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add("static int parse_" + i + "(const char *line, struct config *out) { return scan(line, out, " + i
                    + "); } /* reads one line of the configuration file */");
        }
        CompletableFuture<List<float[]>> call = CompletableFuture.supplyAsync(() -> model.embed(texts), caller);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (model.callsInFlight() == 0 && !call.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(model.callsInFlight() > 0, "the call is inside the model when close is asked");

        model.close();

        // the call leaves the model before close returns; its future completes a moment later, on the caller's
        // thread (checking the future at once failed under load)
        assertEquals(0, model.callsInFlight(), "close returned while the call was still inside the model");
        assertEquals(64, call.get(30, TimeUnit.SECONDS).size(), "the call in flight finished normally");
        EmbedderUnavailableException e = assertThrows(EmbedderUnavailableException.class,
                () -> model.embed(List.of("after close")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(EmbedderUnavailableException.class, () -> model.countTokens("after close"));
    }

    @Test
    void a_closed_flight_counter_refuses_calls_and_reports_a_call_that_outlives_the_wait() throws Exception {
        InFlight f = new InFlight();
        assertTrue(f.enter());
        assertEquals(false, f.close(20), "one call still runs");
        assertEquals(false, f.enter(), "no call is let in after close");
        f.exit();
        assertTrue(f.close(0));
    }
}
