package io.bantin.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads every request body to its end without a request thread, and only then hands the request on.
 *
 * <p>Javalin reads bodies with blocking calls on the request pool, so a client that announces a
 * body and sends it a byte at a time holds a thread for as long as it likes; a dozen such clients
 * held every thread of the pool. Here the body is read with Jetty's asynchronous
 * {@link Content.Source} API: while it trickles in, no thread waits for it (the selector wakes this
 * handler when bytes arrive). The next handler gets the whole body from memory and never blocks on
 * the network.
 *
 * <p>A body that takes longer than {@code timeout}, or that after {@code grace} has averaged less
 * than {@code minRate} bytes per second, is cut off: 408 with a JSON error, and the connection is
 * closed. A body declared larger than {@code maxBody} is passed on unread (the route answers 413
 * from the header); one that grows past it while arriving gets 413 here.
 *
 * <p>The buffer grows with the bytes that actually arrived, not with what {@code Content-Length}
 * promises, so a client that announces a megabyte and sends nothing costs a few kilobytes.
 * Thread-safe.
 */
final class BufferedBodies extends Handler.Wrapper {
    private static final int FIRST_BUFFER = 4096;

    private final long maxBody;
    private final long timeoutNanos;
    private final long minRate;
    private final long graceNanos;
    private final long tickNanos;

    /**
     * Creates the handler.
     *
     * @param maxBody the largest body read; larger ones are left to the route's 413
     * @param timeout the longest a body may take to arrive
     * @param minRate bytes per second a body must average after the grace; 0 for no rate check
     * @param grace how long a body may arrive slower than the rate
     */
    BufferedBodies(long maxBody, Duration timeout, long minRate, Duration grace) {
        this.maxBody = maxBody;
        this.timeoutNanos = timeout.toNanos();
        this.minRate = minRate;
        this.graceNanos = grace.toNanos();
        // Checked a few times per limit, so a cut-off comes at most a quarter late; never busier
        // than 20 times a second per slow body.
        long shortest = minRate > 0 ? Math.min(timeoutNanos, Math.max(graceNanos, 1)) : timeoutNanos;
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(TimeUnit.SECONDS.toNanos(1), shortest / 4));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        long declared = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        boolean chunked = headers.contains(HttpHeader.TRANSFER_ENCODING);
        if ((declared <= 0 && !chunked) || declared > maxBody) {
            return super.handle(request, response, callback);
        }
        new BodyRead(request, response, callback, declared).start();
        return true;
    }

    /** One body being read; {@code finished} makes sure exactly one of dispatch and cut-off happens. */
    private final class BodyRead implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final long started = NanoTime.now();
        private final AtomicBoolean finished = new AtomicBoolean();
        private byte[] bytes;
        private int size;
        private volatile Scheduler.Task check;

        BodyRead(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.declared = declared;
            this.bytes = new byte[(int) Math.min(FIRST_BUFFER, declared > 0 ? declared : FIRST_BUFFER)];
        }

        void start() {
            scheduleCheck();
            run();
        }

        /** Reads what has arrived; called again by Jetty when more does. Never blocks. */
        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // The client went away or the connection broke: nobody to answer.
                    if (finished.compareAndSet(false, true)) {
                        cancelCheck();
                        callback.failed(chunk.getFailure());
                    }
                    return;
                }
                boolean last = chunk.isLast();
                boolean fits;
                synchronized (this) {
                    fits = append(chunk.getByteBuffer());
                }
                chunk.release();
                if (!fits) {
                    cutOff(413, "request body too large (limit " + maxBody + " bytes)", "maxBytes", maxBody);
                    return;
                }
                if (last) {
                    dispatch();
                    return;
                }
            }
        }

        private boolean append(ByteBuffer data) {
            int n = data.remaining();
            if ((long) size + n > maxBody || (declared > 0 && (long) size + n > declared)) {
                return false;
            }
            if (size + n > bytes.length) {
                long wanted = Math.max((long) size + n, 2L * bytes.length);
                bytes = Arrays.copyOf(bytes, (int) Math.min(wanted, declared > 0 ? declared : maxBody));
            }
            data.get(bytes, size, n);
            size += n;
            return true;
        }

        private void dispatch() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancelCheck();
            ByteBuffer body;
            synchronized (this) {
                body = ByteBuffer.wrap(bytes, 0, size);
            }
            Request whole = new WholeBody(request, new ByteBufferContentSource(body));
            try {
                if (!BufferedBodies.super.handle(whole, response, callback)) {
                    Response.writeError(whole, response, callback, 404);
                }
            } catch (Throwable t) {
                Response.writeError(whole, response, callback, t);
            }
        }

        private void scheduleCheck() {
            check = request.getComponents().getScheduler().schedule(this::checkPace, tickNanos, TimeUnit.NANOSECONDS);
        }

        private void cancelCheck() {
            Scheduler.Task task = check;
            if (task != null) {
                task.cancel();
            }
        }

        /** Cuts the body off when it is too slow or too late; otherwise looks again a tick later. */
        private void checkPace() {
            if (finished.get()) {
                return;
            }
            long elapsed = NanoTime.since(started);
            long received;
            synchronized (this) {
                received = size;
            }
            if (elapsed >= timeoutNanos) {
                cutOff(408, "request body took longer than " + Duration.ofNanos(timeoutNanos), "maxSeconds",
                        timeoutNanos / 1e9);
            } else if (minRate > 0 && elapsed > graceNanos && received * 1e9 / elapsed < minRate) {
                cutOff(408, "request body arrived slower than " + minRate + " bytes per second", "minBytesPerSecond",
                        minRate);
            } else {
                scheduleCheck();
            }
        }

        /** Answers with a JSON error and closes the connection: the rest of the body is not wanted. */
        private void cutOff(int status, String error, String rule, Object limit) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancelCheck();
            String json = "{\"error\":\"" + error + "\",\"details\":{\"body\":\"" + rule + " " + limit + "\"}}";
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    /** The request with its body served from memory. */
    private static final class WholeBody extends Request.Wrapper {
        private final Content.Source body;

        WholeBody(Request request, Content.Source body) {
            super(request);
            this.body = body;
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }
}
