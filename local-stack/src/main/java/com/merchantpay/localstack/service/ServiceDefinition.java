package com.merchantpay.localstack.service;

import java.util.Map;
import java.util.function.Function;

/**
 * One deployable of the workflow as the stack runs it.
 *
 * @param name              the Maven module, the jar's name, the log file's name
 * @param conventionalPort  its port in docs/CONVENTIONS.md
 * @param conventionalManagementPort where its actuator answers (health, metrics) in docs/CONVENTIONS.md;
 *                          the same as {@code conventionalPort} for a service without actuator (the sandbox)
 * @param readinessPath     answers 200 once the service can take work
 * @param healthPath        what an operator looks at (printed by the launcher)
 * @param maxHeapMegabytes  -Xmx of its JVM
 * @param environment       its whole configuration, from the stack's addresses, secrets and settings
 */
public record ServiceDefinition(String name, int conventionalPort, int conventionalManagementPort, String readinessPath, String healthPath,
                                int maxHeapMegabytes, Function<ServiceContext, Map<String, String>> environment) {

    /**
     * What a service's environment is made from.
     *
     * @param replicationFactor replicas the Kafka cluster gives a topic (1 on a single broker): what a
     *                          service must ask for the topics it creates itself (Kafka Streams changelogs)
     */
    public record ServiceContext(StackAddresses addresses, DevSecrets secrets, ServiceSettings settings,
                                 java.nio.file.Path home, int replicationFactor) {

        /** On a single broker. */
        public ServiceContext(StackAddresses addresses, DevSecrets secrets, ServiceSettings settings, java.nio.file.Path home) {
            this(addresses, secrets, settings, home, 1);
        }

        public ServiceContext withReplicationFactor(int factor) {
            return new ServiceContext(addresses, secrets, settings, home, factor);
        }
    }

    /** Whether actuator answers on a port of its own, kept off the public API port. */
    public boolean hasManagementPort() {
        return conventionalManagementPort != conventionalPort;
    }
}
