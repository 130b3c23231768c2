package com.merchantpay.e2e.load;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.localstack.service.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One reading of a process's memory: resident set size from {@code /proc/<pid>/status} and, where
 * the service has actuator, heap in use ({@code jvm_memory_used_bytes{area="heap"}} summed over
 * pools, from {@code /actuator/prometheus}: the Micrometer meter {@code jvm.memory.used}).
 */
record ServiceMemory(long rssMegabytes, long heapMegabytes) {

    static final long UNKNOWN = -1;

    static Map<String, ServiceMemory> read(LoadClient client, Map<String, ServiceProcess> processes) {
        Map<String, ServiceMemory> readings = new LinkedHashMap<>();
        processes.forEach((name, process) -> readings.put(name, new ServiceMemory(rss(process.pid()), heap(client, process))));
        return readings;
    }

    private static long rss(OptionalLong pid) {
        if (pid.isEmpty()) {
            return UNKNOWN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid.getAsLong() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    private static long heap(LoadClient client, ServiceProcess process) {
        try {
            String metrics = client.text(RunningStack.metricsUri(process)).block(Duration.ofSeconds(10));
            double bytes = metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            return Math.round(bytes / (1024 * 1024));
        } catch (RuntimeException e) {
            return UNKNOWN; // the sandbox has no actuator
        }
    }
}
