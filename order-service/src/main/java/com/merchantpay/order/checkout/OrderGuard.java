package com.merchantpay.order.checkout;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps the work of one order number in line, and knows what is in flight per partition.
 *
 * <p>Records of a poll are handled concurrently, so two records of the same order (a gateway retry,
 * a replay) could otherwise both miss the ledger and both call UseePay. Here the second one starts
 * only when the first has finished, and then finds the first one's decision in the ledger. One order
 * number always lives on one partition, which one consumer thread owns, so an in-process line is enough.
 */
@Component
public class OrderGuard {

    private final Map<String, CompletableFuture<Void>> lastInLine = new ConcurrentHashMap<>();
    private final Map<Integer, Set<CompletableFuture<Void>>> inFlightByPartition = new ConcurrentHashMap<>();

    /** Runs {@code work} once every earlier work for {@code orderNo} has finished, successfully or not. */
    public CompletableFuture<Void> inTurn(int partition, String orderNo, Supplier<CompletableFuture<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = lastInLine.put(orderNo, done);
        Set<CompletableFuture<Void>> partitionWork =
                inFlightByPartition.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet());
        partitionWork.add(done);
        CompletableFuture<Void> turn = previous == null
                ? CompletableFuture.completedFuture(null)
                : previous.handle((ignored, failure) -> null);
        turn.thenCompose(ignored -> start(work)).whenComplete((ignored, failure) -> {
            lastInLine.remove(orderNo, done);
            partitionWork.remove(done);
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    /**
     * Waits (at most {@code timeout}) for the work of partitions this instance is about to lose, so
     * that their decisions are on the topic before the next owner reads it.
     */
    public boolean awaitDrained(Collection<Integer> partitions, Duration timeout) {
        CompletableFuture<?>[] pending = partitions.stream()
                .flatMap(p -> inFlightByPartition.getOrDefault(p, Set.of()).stream())
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(pending).handle((ignored, failure) -> null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    public int inFlight() {
        return inFlightByPartition.values().stream().mapToInt(Set::size).sum();
    }

    private static CompletableFuture<Void> start(Supplier<CompletableFuture<Void>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
