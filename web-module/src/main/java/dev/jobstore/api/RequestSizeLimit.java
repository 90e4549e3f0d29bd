package dev.jobstore.api;

import dev.jobstore.job.PayloadTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over {@code jobstore.limits.request-bytes} with 413, by their declared
 * length or, for chunked bodies, as soon as reading passes the limit. Payload and result limits
 * of their own are checked by the store.
 */
@Provider
@PreMatching
@ApplicationScoped
public class RequestSizeLimit implements ContainerRequestFilter {

    static final String SETTING = "jobstore.limits.request-bytes";

    @Inject
    @ConfigProperty(name = SETTING, defaultValue = "33554432")
    long limit;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > limit) {
            throw new PayloadTooLargeException("request body", request.getLength(), limit, SETTING);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
        }
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException("request body", limit, SETTING);
            }
        }
    }
}
