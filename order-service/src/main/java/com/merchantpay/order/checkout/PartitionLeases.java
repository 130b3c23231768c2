package com.merchantpay.order.checkout;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Which checkout partitions this instance may still decide for, one lease per assignment.
 *
 * <p>Work started under a lease may only publish while that lease is held. When a partition is
 * revoked and its work did not drain in time, the lease is released: work still running is cancelled,
 * and a publish already past its check is complete on the broker (the revocation flushes the producer)
 * before the next owner reads the orders partition. So a "zombie" never decides behind the back of
 * the next owner, even when the next owner is another consumer thread of this very process.
 */
@Component
public class PartitionLeases {

    private final Map<Integer, Lease> current = new ConcurrentHashMap<>();

    /** A fresh lease for a partition just assigned to this instance. */
    public void acquire(int partition) {
        Lease previous = current.put(partition, new Lease());
        if (previous != null) {
            previous.release();
        }
    }

    /** The lease work on this partition starts under; an unowned partition gets a released one. */
    public Lease current(int partition) {
        return current.computeIfAbsent(partition, p -> Lease.released());
    }

    public void release(Collection<Integer> partitions) {
        partitions.forEach(partition -> {
            Lease lease = current.remove(partition);
            if (lease != null) {
                lease.release();
            }
        });
    }

    /** The right to decide for one partition during one assignment. */
    public static final class Lease {

        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        private final Sinks.Empty<Void> lost = Sinks.empty();
        private volatile boolean held = true;

        static Lease released() {
            Lease lease = new Lease();
            lease.release();
            return lease;
        }

        /** Whether work under this lease may still publish. */
        public boolean held() {
            return held;
        }

        /** Starts the send only while the lease is held; a release waits for sends already starting. */
        public <T> T whileHeld(Supplier<T> send) {
            lock.readLock().lock();
            try {
                if (!held) {
                    throw new LeaseLostException();
                }
                return send.get();
            } finally {
                lock.readLock().unlock();
            }
        }

        /** Runs {@code work}, cancelling it with {@link LeaseLostException} if the lease is released first. */
        public <T> Mono<T> guard(Mono<T> work) {
            return Mono.firstWithSignal(work, lost.asMono().then(Mono.error(LeaseLostException::new)));
        }

        void release() {
            lock.writeLock().lock();
            try {
                held = false;
            } finally {
                lock.writeLock().unlock();
            }
            lost.tryEmitEmpty();
        }
    }

    /** The partition went to another owner before this work finished; that owner will redo it. */
    public static final class LeaseLostException extends RuntimeException {

        public LeaseLostException() {
            super("the partition was revoked before the decision was published; its next owner decides");
        }
    }
}
