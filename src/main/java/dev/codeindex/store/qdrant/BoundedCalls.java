package dev.codeindex.store.qdrant;

import dev.codeindex.store.StoreUnavailableException;
import io.grpc.Status;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.UpdateStatus;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for one gRPC answer, never without bound, and turns every failure into a
 * {@link StoreUnavailableException} that names the server's URL; a write counts only once the server
 * says it was applied.
 *
 * <p>Each call already carries a gRPC deadline of {@code timeout} (set on the client); the local wait
 * adds a grace period on top, so a deadline the transport fails to enforce still cannot hang the
 * caller. Thread-safe: holds no state beyond its settings.
 */
final class BoundedCalls {
    /** Local wait beyond the call's own deadline. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final String url;
    private final Duration timeout;

    BoundedCalls(String url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    <T> T await(Future<T> answer, String what) {
        try {
            return answer.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new StoreUnavailableException("Qdrant at " + url + ": " + what + " got no answer within "
                    + timeout.plus(GRACE).toMillis() + " ms", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Qdrant at " + url + ": " + what + " was interrupted", e);
        }
    }

    /**
     * Waits for a write that was sent with {@code wait=true}: anything but {@code Completed} means the
     * server has not applied it, and the manifest must not move on.
     */
    void awaitApplied(Future<PointsOperationResponse> answer, String what) {
        UpdateStatus status = await(answer, what).getResult().getStatus();
        if (status != UpdateStatus.Completed) {
            throw refused(what, "the server did not confirm it was applied (status " + status + ")");
        }
    }

    /** The server answered, but not with what a durable index needs. */
    StoreUnavailableException refused(String what, String why) {
        return new StoreUnavailableException("Qdrant at " + url + ": " + what + ": " + why, null);
    }

    private StoreUnavailableException failed(String what, Throwable cause) {
        Status s = Status.fromThrowable(cause);
        String why = switch (s.getCode()) {
            case UNAVAILABLE -> "cannot reach the server";
            case DEADLINE_EXCEEDED -> "no answer within " + timeout.toMillis() + " ms";
            case UNAUTHENTICATED -> "the server wants a valid API key (env " + QdrantSettings.API_KEY_ENV + ")";
            case PERMISSION_DENIED -> "the API key may not do this";
            default -> "failed";
        };
        String detail = s.getCode() == Status.Code.UNKNOWN && s.getDescription() == null
                ? String.valueOf(cause) : s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
        return new StoreUnavailableException("Qdrant at " + url + ": " + what + ": " + why + " (" + detail + ")", cause);
    }
}
