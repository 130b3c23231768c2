package com.merchantpay.e2e.load;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceJars;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.localstack.service.ServiceProcess.ServiceSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * direct-checkout-baseline as one more child process beside the stack, launched the same way as the
 * services (same launcher, heap and JVM options), against the same sandbox with the stack's merchant
 * key, so both paths meet the same UseePay latency on the same machine.
 */
final class BaselineService {

    static final String NAME = "direct-checkout-baseline";

    private BaselineService() {
    }

    static ServiceProcess start(LocalStack stack, ServiceJars jars, Path stackHome) {
        Map<String, String> sandbox = stack.service(ServiceCatalogue.SANDBOX).spec().environment();
        ServiceProcess orderService = stack.service(ServiceCatalogue.ORDER_SERVICE);
        int port = FreePorts.next();
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("USEEPAY_BASE_URL", stack.serviceUrl(ServiceCatalogue.SANDBOX).toString());
        env.put("USEEPAY_MERCHANT_NO", sandbox.get("USEEPAY_MERCHANT_NO"));
        env.put("USEEPAY_MD5_KEY", sandbox.get("USEEPAY_MD5_KEY"));
        env.put("WECHAT_APP_ID", sandbox.get("WECHAT_APP_ID"));
        env.put("USEEPAY_ORDER_EXPIRY", orderService.spec().environment().getOrDefault("USEEPAY_ORDER_EXPIRY", "15m"));
        // Baseline orders are never paid; their expiry notification goes to a path nobody serves (404, retried, given up).
        env.put("USEEPAY_NOTIFY_URL", "http://127.0.0.1:" + port + "/no-notifications-here");
        ServiceSpec spec = new ServiceSpec(NAME, jars.jarOf(NAME), port, port,
                "/actuator/health/readiness", orderService.spec().maxHeapMegabytes(), stack.options().serviceJvmOptions(), env);
        ServiceProcess baseline = new ServiceProcess(new StackFolders(stackHome), spec);
        baseline.start();
        return baseline;
    }

    /** The services and the baseline, by name, for memory readings. */
    static Map<String, ServiceProcess> everyProcess(LocalStack stack, ServiceProcess baseline) {
        Map<String, ServiceProcess> all = new java.util.LinkedHashMap<>();
        for (String name : List.of(ServiceCatalogue.GATEWAY_SERVICE, ServiceCatalogue.ORDER_SERVICE, ServiceCatalogue.NOTIFY_SERVICE,
                ServiceCatalogue.RECONCILIATION_SERVICE, ServiceCatalogue.SANDBOX)) {
            all.put(name, stack.service(name));
        }
        all.put(NAME, baseline);
        return all;
    }
}
