package dev.codeindex.server.javalin;

import dev.codeindex.server.RouteRequest;
import io.javalin.http.Context;

/** A Javalin request as the routes read it. Used on the request's thread only. */
final class JavalinRequest implements RouteRequest {
    private final Context ctx;

    JavalinRequest(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String query(String name) {
        return ctx.queryParam(name);
    }

    @Override
    public String contentType() {
        return ctx.contentType();
    }

    @Override
    public String form(String name) {
        return ctx.formParam(name);
    }
}
