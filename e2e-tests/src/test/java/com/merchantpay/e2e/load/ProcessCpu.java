package com.merchantpay.e2e.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time each process of the stack has used so far (user + system, from {@code /proc/<pid>/stat}),
 * in milliseconds. Read before and after a step, divided by the checkouts completed, it says which
 * process spends the two shared cores on a checkout.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ): 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    static Map<String, Double> read(Map<String, Long> pids) {
        Map<String, Double> millis = new LinkedHashMap<>();
        pids.forEach((name, pid) -> millis.put(name, cpuMillis(pid)));
        return millis;
    }

    /** CPU milliseconds per completed checkout of each process between two readings. */
    static Map<String, Double> perCheckout(Map<String, Double> before, Map<String, Double> after, long checkouts) {
        Map<String, Double> per = new LinkedHashMap<>();
        after.forEach((name, used) -> per.put(name, checkouts == 0 ? Double.NaN
                : (used - before.getOrDefault(name, used)) / checkouts));
        return per;
    }

    private static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
