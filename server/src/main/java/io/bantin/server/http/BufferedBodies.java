package io.bantin.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * promises, so a client that announces a megabyte and sends nothing costs a few kilobytes. All
 * buffers together stay within {@code budget} bytes (a heap of 96 MB must not fill with the bodies
 * of clients that stall just before their last byte); a body that would pass it gets 503 and
 * {@code Retry-After}, and the request threads were never involved. Thread-safe.
 */
public final class BufferedBodies extends Handler.Wrapper {
    private static final int FIRST_BUFFER = 4096;
    private static final int APPENDED = 0;
    private static final int TOO_LARGE = 1;
    private static final int BUSY = 2;
    private static final int RELEASED = 3;

    private final long maxBody;
    private final long timeoutNanos;
    private final long minRate;
    private final long graceNanos;
    private final long tickNanos;
    private final long budget;
    private final AtomicLong buffered = new AtomicLong();

    /**
     * Creates the handler.
     *
     * @param maxBody the largest body read; larger ones are left to the route's 413
     * @param timeout the longest a body may take to arrive
     * @param minRate bytes per second a body must average after the grace; 0 for no rate check
     * @param grace how long a body may arrive slower than the rate
     * @param budget the most bytes all bodies being read may hold together
     */
    public BufferedBodies(long maxBody, Duration timeout, long minRate, Duration grace, long budget) {
        this.maxBody = maxBody;
        this.budget = budget;
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

    /** The bytes held by bodies being read or handled right now. */
    long buffered() {
        return buffered.get();
    }

    /** One body being read; {@code finished} makes sure exactly one of dispatch and cut-off happens. */
    private final class BodyRead implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final long started = NanoTime.now();
        private final AtomicBoolean finished = new AtomicBoolean();
        private byte[] bytes = new byte[0];
        private int size;
        /** Bytes of {@link #buffered} this body holds; given back when its exchange completes. */
        private long reserved;
        private volatile Scheduler.Task check;

        BodyRead(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    release();
                    super.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    release();
                    super.failed(x);
                }
            };
            this.declared = declared;
        }

        private synchronized void release() {
            buffered.addAndGet(-reserved);
            reserved = 0;
            bytes = null;
        }

        void start() {
            run();
            // Most bodies (a hit's few bytes) are whole in the first read and already handed on:
            // only a body still arriving needs its pace watched. A check scheduled just after the
            // body completed finds it finished and does nothing.
            if (!finished.get()) {
                scheduleCheck();
            }
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
                int appended;
                synchronized (this) {
                    // Released: the exchange already ended (cut off while this chunk arrived).
                    appended = bytes == null ? RELEASED : append(chunk.getByteBuffer());
                }
                chunk.release();
                if (appended == RELEASED) {
                    return;
                }
                if (appended == TOO_LARGE) {
                    cutOff(413, "request body too large (limit " + maxBody + " bytes)", "maxBytes", maxBody);
                    return;
                }
                if (appended == BUSY) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
                    cutOff(503, "too many request bodies in flight, try again shortly", "maxBytesInFlight", budget);
                    return;
                }
                if (last) {
                    dispatch();
                    return;
                }
            }
        }

        private int append(ByteBuffer data) {
            int n = data.remaining();
            if ((long) size + n > maxBody || (declared > 0 && (long) size + n > declared)) {
                return TOO_LARGE;
            }
            if (size + n > bytes.length) {
                long wanted = Math.max((long) size + n, Math.max(FIRST_BUFFER, 2L * bytes.length));
                int length = (int) Math.min(wanted, declared > 0 ? declared : maxBody);
                long growth = length - bytes.length;
                if (buffered.addAndGet(growth) > budget) {
                    buffered.addAndGet(-growth);
                    return BUSY;
                }
                reserved += growth;
                bytes = Arrays.copyOf(bytes, length);
            }
            data.get(bytes, size, n);
            size += n;
            return APPENDED;
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
