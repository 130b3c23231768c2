package com.merchantpay.e2e.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.process.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local stack with every service: up, a login and a checkout through the gateway work, and
 * stopping it leaves no process, no PID file and no port behind. It stops the JVM's shared stack,
 * so it runs after every other test class (see junit-platform.properties).
 *
 * <p>It lives here rather than in local-stack's own tests because local-stack is built before the
 * services in the reactor (test-support and the services depend on it), so their jars do not exist
 * yet when local-stack's tests run.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(WorkflowStack.class)
class StackLifecycleIT {

    @Test
    void wholeWorkflowServesACheckoutAndStopsWithoutLeavingAnythingBehind(RunningStack running) {
        LocalStack stack = running.localStack();
        Map<String, Long> pids = stack.pids();
        assertThat(pids).containsKeys("kafka-broker", "schema-registry");
        assertThat(pids).containsKeys(ServiceCatalogue.all().stream().map(service -> service.name()).toArray(String[]::new));
        List<Integer> ports = new ArrayList<>();
        ServiceCatalogue.all().forEach(service -> {
            ports.add(stack.serviceUrl(service.name()).getPort());
            ports.add(stack.service(service.name()).managementUrl().getPort());
        });

        Shopper shopper = running.miniProgram().logIn("o-e2e-lifecycle-" + UUID.randomUUID());
        assertThat(shopper.placeOrder(null, new Item("green-tea", 1)).orderNo()).isNotBlank();

        Path pidFolder = stack.logDirectory().resolveSibling("pids");
        running.close();

        pids.forEach((member, pid) -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("%s (PID %d) after stop", member, pid).isEmpty());
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).as("child processes of the test JVM").isEmpty();
        assertThat(pidFolder).isEmptyDirectory();
        ports.forEach(port -> assertThat(FreePorts.isFree(port)).as("port %d free again", port).isTrue());
    }
}
