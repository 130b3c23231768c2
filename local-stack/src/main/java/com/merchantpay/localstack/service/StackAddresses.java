package com.merchantpay.localstack.service;

import java.net.URI;
import java.util.Map;

/**
 * Where everything of one stack listens, known before any service starts: a service's environment
 * may name another's address (order-service gives UseePay notify-service's URL as the notify URL).
 *
 * @param bootstrapServers the broker
 * @param registryUrl      the registry's root URL (team property {@code registry.url})
 * @param servicePorts     service name → its HTTP port on 127.0.0.1 (the public API)
 * @param managementPorts  service name → the port its actuator answers on (health, metrics); a
 *                         service without one of its own (the sandbox) answers on its HTTP port
 */
public record StackAddresses(String bootstrapServers, String registryUrl, Map<String, Integer> servicePorts,
                             Map<String, Integer> managementPorts) {

    public StackAddresses {
        servicePorts = Map.copyOf(servicePorts);
        managementPorts = Map.copyOf(managementPorts);
    }

    /** Addresses of a stack whose services answer health and metrics on their HTTP port. */
    public StackAddresses(String bootstrapServers, String registryUrl, Map<String, Integer> servicePorts) {
        this(bootstrapServers, registryUrl, servicePorts, Map.of());
    }

    public int managementPortOf(String service) {
        Integer port = managementPorts.get(service);
        return port != null ? port : portOf(service);
    }

    public int portOf(String service) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException("No port for " + service + "; known: " + servicePorts.keySet());
        }
        return port;
    }

    public URI baseUrlOf(String service) {
        return URI.create("http://127.0.0.1:" + portOf(service));
    }
}
