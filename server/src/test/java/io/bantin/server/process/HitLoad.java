package io.bantin.server.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background load of hits where every hit is a new visitor, so that the server's visit total
 * should equal the number of hits it accepted. Counts what was attempted (sent or being sent:
 * the most the server can have seen) and what was acknowledged with 204, with the time of each
 * acknowledgement. Bounded in hits and in time; each sender stops at the first connection error
 * (the server is gone). Thread-safe.
 */
final class HitLoad implements AutoCloseable {

    private final List<Thread> senders = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger nextVisitor;
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> ackTimes = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicLong> otherStatuses = new ConcurrentHashMap<>();
    private final AtomicLong connectionErrors = new AtomicLong();

    private HitLoad(int firstVisitor) {
        nextVisitor = new AtomicInteger(firstVisitor);
    }

    /**
     * Starts {@code threads} senders against {@code baseUrl}.
     *
     * @param firstVisitor visitor numbers start here, so loads against one database never reuse one
     * @param maxHits      the senders stop after this many attempts in all
     * @param maxDuration  and after this long
     */
    static HitLoad start(String baseUrl, int threads, int firstVisitor, int maxHits, Duration maxDuration) {
        HitLoad load = new HitLoad(firstVisitor);
        long deadline = System.nanoTime() + maxDuration.toNanos();
        for (int t = 0; t < threads; t++) {
            PortalClient client = new PortalClient(baseUrl);
            Thread sender = new Thread(() -> load.send(client, maxHits, deadline), "hit-load-" + t);
            sender.setDaemon(true);
            load.senders.add(sender);
        }
        load.senders.forEach(Thread::start);
        return load;
    }

    private void send(PortalClient client, int maxHits, long deadline) {
        while (!stop.get() && System.nanoTime() < deadline) {
            if (attempted.incrementAndGet() > maxHits) {
                attempted.decrementAndGet();
                return;
            }
            int visitor = nextVisitor.getAndIncrement();
            try {
                int status = client.hit(PortalClient.browserUserAgent(visitor), "/");
                if (status == 204) {
                    ackTimes.add(System.nanoTime());
                    acked.incrementAndGet();
                } else {
                    otherStatuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            } catch (IOException e) {
                connectionErrors.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until at least {@code count} hits were acknowledged, or {@code limit} passed. */
    boolean awaitAcked(long count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (acked.get() < count && System.nanoTime() < deadline && anySenderAlive()) {
            Thread.sleep(10);
        }
        return acked.get() >= count;
    }

    /** Stops the senders and waits (at most 15 s) for them to finish. */
    void stop() throws InterruptedException {
        stop.set(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Thread sender : senders) {
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (anySenderAlive()) {
            throw new AssertionError("hit senders did not stop within 15 s");
        }
    }

    /** Hits sent or being sent: the most the server can have received. */
    long attempted() {
        return attempted.get();
    }

    /** Hits the server answered 204. */
    long acked() {
        return acked.get();
    }

    /** Hits acknowledged at or after {@code nanoTime}. */
    long ackedSince(long nanoTime) {
        return ackTimes.stream().filter(t -> t >= nanoTime).count();
    }

    /** Answers other than 204, by status, for diagnostics. */
    Map<Integer, Long> otherStatuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        otherStatuses.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }

    /** Senders that stopped on a connection error. */
    long connectionErrors() {
        return connectionErrors.get();
    }

    /** A one-line summary for failure messages. */
    String summary() {
        return "attempted=" + attempted() + " acked=" + acked() + " other=" + otherStatuses()
                + " connectionErrors=" + connectionErrors();
    }

    /** Stops the senders; an interrupt while waiting for them is kept for the caller. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean anySenderAlive() {
        return senders.stream().anyMatch(Thread::isAlive);
    }
}
