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
import java.util.concurrent.atomic.AtomicLong;
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
        AtomicLong finishedAt = new AtomicLong();
        CompletableFuture<List<float[]>> call = CompletableFuture.supplyAsync(() -> {
            List<float[]> v = model.embed(texts);
            finishedAt.set(System.nanoTime());
            return v;
        }, caller);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (model.callsInFlight() == 0 && !call.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(model.callsInFlight() > 0, "the call is inside the model when close is asked");

        model.close();
        long closedAt = System.nanoTime();

        assertTrue(call.isDone(), "close returned while the call still ran");
        assertEquals(64, call.get().size(), "the call in flight finished normally");
        assertTrue(finishedAt.get() <= closedAt);
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
