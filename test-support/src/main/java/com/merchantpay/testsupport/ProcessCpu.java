package com.merchantpay.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time each process of a benchmark has used so far (user + system, from {@code /proc/<pid>/stat}),
 * in milliseconds. Read before and after a step, divided by the work completed (checkouts, paid orders,
 * requests), it says which process spends the two shared cores on a unit of it.
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ): 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;
    /** HotSpot's "C1 CompilerThread0", "C2 CompilerThread1"... as a thread's stat names them (15 characters kept). */
    private static final Pattern COMPILER_THREAD = Pattern.compile("\\d+ \\(C[12] CompilerThre");
    /**
     * The collector's threads: G1's "GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "G1 Service",
     * and the "VM Thread", which runs every safepoint and does all of the serial collector's work.
     */
    private static final Pattern COLLECTOR_THREAD = Pattern.compile("\\d+ \\((GC Thread|G1 |VM Thread)");

    private ProcessCpu() {
    }

    public static Map<String, Double> read(Map<String, Long> pids) {
        Map<String, Double> millis = new LinkedHashMap<>();
        pids.forEach((name, pid) -> millis.put(name, cpuMillis(pid)));
        return millis;
    }

    /** CPU milliseconds of each process between two readings per unit of work completed (checkout, paid order, request). */
    public static Map<String, Double> perCompleted(Map<String, Double> before, Map<String, Double> after, long completed) {
        Map<String, Double> per = new LinkedHashMap<>();
        after.forEach((name, used) -> per.put(name, completed == 0 ? Double.NaN
                : (used - before.getOrDefault(name, used)) / completed));
        return per;
    }

    /**
     * CPU milliseconds each process's JIT compiler threads have used so far. A JVM still compiling its
     * hot code spends a core on it (a third of the stack's CPU right after a start, measured), which a
     * service that has run for a while does not.
     */
    public static Map<String, Double> compiling(Map<String, Long> pids) {
        return threadMillis(pids, COMPILER_THREAD);
    }

    /**
     * CPU milliseconds each process's garbage collector (and safepoints) has used so far: the part of a
     * service's CPU that its choice of collector decides rather than its code.
     */
    public static Map<String, Double> collecting(Map<String, Long> pids) {
        return threadMillis(pids, COLLECTOR_THREAD);
    }

    private static Map<String, Double> threadMillis(Map<String, Long> pids, Pattern threadName) {
        Map<String, Double> millis = new LinkedHashMap<>();
        pids.forEach((name, pid) -> millis.put(name, threadMillis(pid, threadName)));
        return millis;
    }

    private static double threadMillis(long pid, Pattern threadName) {
        try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return threads.mapToDouble(thread -> {
                String stat = stat(thread.resolve("stat"));
                return stat != null && threadName.matcher(stat).lookingAt() ? cpuMillis(stat) : 0;
            }).filter(used -> !Double.isNaN(used)).sum();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double cpuMillis(long pid) {
        String stat = stat(Path.of("/proc/" + pid + "/stat"));
        return stat == null ? Double.NaN : cpuMillis(stat);
    }

    /** The text of a process's or a thread's {@code stat} file; {@code null} when it is gone. */
    private static String stat(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** User + system time in a {@code stat} text. */
    private static double cpuMillis(String stat) {
        try {
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
