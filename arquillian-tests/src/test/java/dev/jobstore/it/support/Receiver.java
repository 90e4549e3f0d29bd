package dev.jobstore.it.support;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real webhook receiver, served by the test WAR. It records every call by name and answers by
 * its name: {@code fail-N-…} fails the first N calls with 500, {@code dead-…} always answers
 * 503, anything else answers 200.
 */
@WebServlet("/receiver/*")
public class Receiver extends HttpServlet {

    /** One call as the receiver saw it. */
    public record Call(
            String contentType, byte[] body, String jobId, String deliveryId, String attempt, long receivedNanos) {}

    private static final ConcurrentMap<String, List<Call>> CALLS = new ConcurrentHashMap<>();

    public static String url(String name) {
        return "http://127.0.0.1:" + System.getProperty("jobstore.test.http-port", "8180") + "/jobstore-tests/receiver/"
                + name;
    }

    public static List<Call> calls(String name) {
        return List.copyOf(CALLS.getOrDefault(name, List.of()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo().substring(1);
        List<Call> calls = CALLS.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>());
        calls.add(new Call(
                request.getContentType(),
                request.getInputStream().readAllBytes(),
                request.getHeader("Jobstore-Job-Id"),
                request.getHeader("Jobstore-Delivery-Id"),
                request.getHeader("Jobstore-Attempt"),
                System.nanoTime()));
        response.setStatus(statusFor(name, calls.size()));
    }

    private static int statusFor(String name, int callNumber) {
        if (name.startsWith("dead-")) {
            return 503;
        }
        if (name.startsWith("fail-")) {
            int failures = Integer.parseInt(name.split("-")[1]);
            return callNumber <= failures ? 500 : 200;
        }
        return 200;
    }
}
