package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Request bodies beyond {@code pipeline.http.max-body-size} are a 413 before they are parsed: at once when the
 * declared length is too large, or as soon as a streamed (chunked) body passes the limit. File uploads
 * ({@code multipart/form-data}) have limits of their own ({@code spring.servlet.multipart.*}).
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    /** A body that passed the limit while it was being read. */
    public static final class BodyTooLargeException extends IOException {

        private final long limit;

        BodyTooLargeException(long limit) {
            super("The request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private final long limit;
    private final JsonMapper json;
    private final ProblemMessages messages;

    public BodySizeLimitFilter(long limit, JsonMapper json, ProblemMessages messages) {
        this.limit = limit;
        this.json = json;
        this.messages = messages;
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                Phrase.of("problem.body-too-large", "The request body may be at most " + limit + " bytes",
                        String.valueOf(limit)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(response, json, messages.render(tooLarge(limit), request));
            return;
        }
        chain.doFilter(new LimitedBody(request, limit), response);
    }

    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream body;
        private final long limit;
        private long read;

        Counting(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
