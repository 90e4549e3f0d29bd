package dev.jobstore.api.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for whatever the servlet container refuses before JAX-RS sees the request
 * (an unparseable header, say): the client still gets a problem, not an HTML page.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Problem problem = Problems.forStatus(
                status,
                "the request could not be processed: "
                        + (status < 500 ? "it is malformed (check its headers and URL)" : "the server failed"));
        response.setStatus(problem.status());
        response.setContentType(ProblemMapper.PROBLEM_JSON); // JSON is UTF-8: no charset parameter
        response.getOutputStream().write(JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }
}
