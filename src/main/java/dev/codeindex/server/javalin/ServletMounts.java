package dev.codeindex.server.javalin;

import dev.codeindex.server.HttpAnswer;
import dev.codeindex.server.RequestChecks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Servlets served beside the Javalin routes, each at its exact path (the MCP endpoint at
 * {@code /mcp}). Jetty hands such a path to the servlet directly, past Javalin and its before-handlers,
 * so each gets a filter that applies the same {@link RequestChecks} as the routes and writes the same
 * refusals.
 */
final class ServletMounts {
    private ServletMounts() {}

    static void mount(ServletContextHandler context, Map<String, HttpServlet> servlets, RequestChecks checks) {
        servlets.forEach((path, servlet) -> {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true); // the MCP endpoint streams its answers
            context.addServlet(holder, path);
            FilterHolder filter = new FilterHolder(new Checked(checks));
            filter.setAsyncSupported(true);
            context.addFilter(filter, path, EnumSet.of(DispatcherType.REQUEST));
        });
    }

    /** Lets a request through to the servlet only when {@link RequestChecks} admits it. */
    private static final class Checked extends HttpFilter {
        private final RequestChecks checks;

        Checked(RequestChecks checks) {
            this.checks = checks;
        }

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpAnswer refused = checks.refusal(req.getMethod(), req.getRequestURI(), req.getHeader("Host"),
                    req.getHeader("Origin"), req.getHeader("Content-Type"), req.getHeader("Authorization"));
            if (refused == null) {
                chain.doFilter(req, res);
                return;
            }
            refused.headers().forEach(res::setHeader);
            res.setStatus(refused.status());
            res.setContentType(refused.contentType());
            byte[] body = refused.bytes() != null ? refused.bytes() : refused.text().getBytes(StandardCharsets.UTF_8);
            if (refused.bytes() == null) {
                res.setCharacterEncoding("UTF-8");
            }
            res.getOutputStream().write(body);
        }
    }
}
