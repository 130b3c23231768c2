package com.merchantpay.e2e.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, for every figure we publish (other builds share these cores). */
final class MachineLoad {

    private MachineLoad() {
    }

    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return "load " + fields[0] + " / " + fields[1] + " / " + fields[2] + " (1/5/15 min) on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "load unknown";
        }
    }
}
