package com.merchantpay.e2e.load;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.localstack.service.ServiceProcess.ServiceSpec;
import java.nio.file.Path;

/**
 * The sandbox keeps every UseePay order in memory, by design. The stack gives it a 192 MB heap,
 * which a benchmark creating ~100,000 orders fills: it ran out of heap during the first load runs
 * (OutOfMemoryError at concurrency 256) and took the event path down with it. For the benchmark the
 * sandbox is replaced, before any order exists, by the same jar on the same port with the same
 * environment and a larger heap; nothing else about the stack changes.
 */
final class RoomySandbox {

    private RoomySandbox() {
    }

    static ServiceProcess replace(LocalStack stack, Path stackHome, int heapMegabytes) {
        ServiceProcess original = stack.service(ServiceCatalogue.SANDBOX);
        ServiceSpec spec = original.spec();
        original.stop();
        ServiceProcess roomy = new ServiceProcess(new StackFolders(stackHome), new ServiceSpec("sandbox-load", spec.jar(),
                spec.port(), spec.managementPort(), spec.readinessPath(), heapMegabytes, spec.jvmOptions(), spec.environment()));
        roomy.start();
        return roomy;
    }
}
