package dev.jobstore.it.support;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver, served by the test WAR. It records every call by name and answers by
 * its name: {@code fail-N-…} fails the first N calls with 500, {@code dead-…} always answers
 * 503, {@code redirect-…} answers 307 to another receiver, anything else answers 200.
 *
 * <p>It checks each call's Standard Webhooks signature as a receiver would, written here from
 * the specification: the base64 HMAC-SHA256 of {@code webhook-id.webhook-timestamp.body} under
 * the key of a {@code whsec_} secret, any one {@code v1,} signature of the header matching, and a
 * timestamp within five minutes of the receiver's clock.
 */
@WebServlet("/receiver/*")
public class Receiver extends HttpServlet {

    /** One call as the receiver saw it. */
    public record Call(
            String contentType,
            byte[] body,
            String jobId,
            String deliveryId,
            String attempt,
            String fence,
            long receivedNanos,
            String webhookId,
            String timestamp,
            String signature,
            String traceparent) {

        /** Whether one of the signatures is {@code secret}'s, over this call, at a timestamp within tolerance. */
        public boolean signedWith(String secret) {
            if (signature == null
                    || timestamp == null
                    || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE.toSeconds()) {
                return false;
            }
            String expected = "v1," + hmac(secret, webhookId + "." + timestamp + ".", body);
            return Arrays.stream(signature.split(" ")).anyMatch(expected::equals);
        }
    }

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static String hmac(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

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
                request.getHeader("Jobstore-Fence"),
                System.nanoTime(),
                request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"),
                request.getHeader("webhook-signature"),
                request.getHeader("traceparent")));
        if (name.startsWith("redirect-")) {
            response.sendRedirect(url("redirected-" + name));
            return;
        }
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
