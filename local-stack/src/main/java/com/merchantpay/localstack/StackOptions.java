package com.merchantpay.localstack;

import com.merchantpay.localstack.broker.ClusterLayout;
import com.merchantpay.localstack.service.ServiceInstances;
import com.merchantpay.localstack.service.ServiceJars;
import com.merchantpay.localstack.service.ServiceSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LocalStack} runs besides the broker and the registry.
 *
 * @param serviceJars          where the services' executable jars are; empty = infrastructure only
 * @param ports                conventional ports (8080...8090) or free ones
 * @param settings             time scale and order expiry of the services' world
 * @param serviceJvmOptions    extra options of every service JVM (the default favours start time over peak speed)
 * @param environmentOverrides service name → variables added to (or replacing) its catalogue environment,
 *                             for runs that need another setting (rate limits under load, say); a service's
 *                             name covers all its instances, an instance's name ({@code order-service-2}) that one
 * @param instances            processes per Kafka-consuming service (order, notify, reconciliation, gateway),
 *                             sharing its consumer groups; 1 by default ({@link ServiceInstances})
 * @param brokers              Kafka nodes: 1 (default), or 3 for a replicated cluster ({@link ClusterLayout})
 */
public record StackOptions(Optional<ServiceJars> serviceJars, PortChoice ports, ServiceSettings settings,
                           List<String> serviceJvmOptions, Map<String, Map<String, String>> environmentOverrides,
                           int instances, int brokers) {

    /** C1 only: a service starts in about half the time; a load test should pass {@link #AS_DEPLOYED} instead. */
    public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * The JVM options deploy/kubernetes and docker-compose.yml give every service (in JAVA_TOOL_OPTIONS), so that
     * a load test measures the JVM that runs in production: full JIT, serial collector. In a container of one CPU
     * or under 1,792 MB (the services' pods have 1-1.5 GiB) the JVM picks the serial collector itself; on a 24 GiB
     * benchmark machine it would pick G1, whose threads took twice the collector CPU per paid order and
     * lengthened every hop of the notification path (docs/benchmarks.md).
     */
    public static final List<String> AS_DEPLOYED = List.of("-XX:+UseSerialGC");

    public enum PortChoice {
        /** docs/CONVENTIONS.md's ports; a port already taken is replaced by a free one (and printed). */
        CONVENTIONAL,
        /** Free loopback ports, so that a stack can run beside anything else (tests). */
        FREE
    }

    public StackOptions {
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        Map<String, Map<String, String>> copy = new HashMap<>();
        environmentOverrides.forEach((service, env) -> copy.put(service, Map.copyOf(env)));
        environmentOverrides = Map.copyOf(copy);
        new ServiceInstances(instances); // validates the count
        if (brokers != 1 && brokers != ClusterLayout.REPLICATED_SIZE) {
            throw new IllegalArgumentException("brokers: 1 or " + ClusterLayout.REPLICATED_SIZE + ", not " + brokers);
        }
    }

    /** One instance of each service. */
    public StackOptions(Optional<ServiceJars> serviceJars, PortChoice ports, ServiceSettings settings,
                        List<String> serviceJvmOptions, Map<String, Map<String, String>> environmentOverrides) {
        this(serviceJars, ports, settings, serviceJvmOptions, environmentOverrides, 1, 1);
    }

    /** Broker, registry, topics and schemas only. */
    public static StackOptions infrastructureOnly() {
        return new StackOptions(Optional.empty(), PortChoice.FREE, ServiceSettings.REAL_TIME, FAST_START, Map.of());
    }

    /** Everything: infrastructure, sandbox and the four services, in real time on the conventional ports. */
    public static StackOptions wholeWorkflow(ServiceJars jars) {
        return new StackOptions(Optional.of(jars), PortChoice.CONVENTIONAL, ServiceSettings.REAL_TIME, FAST_START, Map.of());
    }

    public boolean runsServices() {
        return serviceJars.isPresent();
    }

    public StackOptions withPorts(PortChoice choice) {
        return new StackOptions(serviceJars, choice, settings, serviceJvmOptions, environmentOverrides, instances, brokers);
    }

    public StackOptions withTimeScale(double timeScale) {
        return new StackOptions(serviceJars, ports, settings.withTimeScale(timeScale), serviceJvmOptions, environmentOverrides, instances, brokers);
    }

    public StackOptions withOrderExpiry(Duration expiry) {
        return new StackOptions(serviceJars, ports, settings.withOrderExpiry(expiry), serviceJvmOptions, environmentOverrides, instances, brokers);
    }

    public StackOptions withServiceJvmOptions(List<String> options) {
        return new StackOptions(serviceJars, ports, settings, options, environmentOverrides, instances, brokers);
    }

    public StackOptions withEnvironment(String service, String name, String value) {
        Map<String, Map<String, String>> overrides = new HashMap<>(environmentOverrides);
        Map<String, String> env = new HashMap<>(overrides.getOrDefault(service, Map.of()));
        env.put(name, value);
        overrides.put(service, env);
        return new StackOptions(serviceJars, ports, settings, serviceJvmOptions, overrides, instances, brokers);
    }

    /**
     * {@code count} instances of each Kafka-consuming service, each with its own port, folder and log
     * ({@code <service>-2}, ...), all in the service's consumer groups; the sandbox stays one.
     */
    public StackOptions withInstances(int count) {
        return new StackOptions(serviceJars, ports, settings, serviceJvmOptions, environmentOverrides, count, brokers);
    }

    /**
     * {@code count} Kafka nodes: 3 makes a replicated cluster (every topic on three nodes, two of them
     * in sync before a write is acknowledged), each node its own process, folder and log.
     */
    public StackOptions withBrokers(int count) {
        return new StackOptions(serviceJars, ports, settings, serviceJvmOptions, environmentOverrides, instances, count);
    }
}
