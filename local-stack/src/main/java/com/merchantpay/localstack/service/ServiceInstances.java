package com.merchantpay.localstack.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How many processes of each service a stack runs and what each one is called.
 *
 * <p>The four services that consume Kafka (order, notify, reconciliation, gateway) run {@code count}
 * instances each; the sandbox, which plays UseePay and WeChat, always runs once. Instance 1 keeps the
 * service's own name, so a one-instance stack is exactly what it always was; instance k ≥ 2 is
 * {@code <service>-k}: its own port, home folder ({@code <stack>/<service>-k/}: Kafka Streams state,
 * tmp), log ({@code logs/<service>-k.log}) and PID file. Every instance gets the service's whole
 * environment, so all of them join the same consumer groups and share the partitions.
 *
 * <p>Where an environment names another service (order-service gives UseePay notify-service's URL as
 * the notify URL) instance k names instance k of that service ({@link #seenBy}): without a load
 * balancer in front of notify-service, UseePay's notifications for the orders order-service-2
 * placed go to notify-service-2.
 */
public final class ServiceInstances {

    /** The services that scale out: every one of them reads its work from Kafka partitions. */
    public static final Set<String> SCALABLE = Set.of(ServiceCatalogue.ORDER_SERVICE, ServiceCatalogue.NOTIFY_SERVICE,
            ServiceCatalogue.RECONCILIATION_SERVICE, ServiceCatalogue.GATEWAY_SERVICE);

    /** A stack has at most this many instances per service: they all share 2 cores and a few GB. */
    public static final int MAX = 9;

    private final int count;

    public ServiceInstances(int count) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("instances per service must be 1 to " + MAX + ", was " + count);
        }
        this.count = count;
    }

    /** Instances per scalable service. */
    public int count() {
        return count;
    }

    /** How many processes of {@code service} run: {@link #count()}, or 1 for the sandbox. */
    public int countOf(String service) {
        return SCALABLE.contains(service) ? count : 1;
    }

    /** Instance {@code number} (from 1) of {@code service}: the service's name for the first, {@code <service>-<number>} after. */
    public static String name(String service, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("instances are numbered from 1, was " + number);
        }
        return number == 1 ? service : service + "-" + number;
    }

    /** The names of every instance of {@code service}, first one first. */
    public List<String> namesOf(String service) {
        return IntStream.rangeClosed(1, countOf(service)).mapToObj(number -> name(service, number)).toList();
    }

    /** Every instance of every catalogue service, in catalogue order, each service's first instance first. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        ServiceCatalogue.all().forEach(service -> names.addAll(namesOf(service.name())));
        return names;
    }

    /** The service an instance belongs to: {@code order-service} for {@code order-service-2}. */
    public String serviceOf(String instance) {
        for (ServiceDefinition service : ServiceCatalogue.all()) {
            if (namesOf(service.name()).contains(instance)) {
                return service.name();
            }
        }
        throw new IllegalArgumentException("No instance " + instance + " among " + allNames());
    }

    /** The number of an instance of its service, from 1. */
    public int numberOf(String instance) {
        return namesOf(serviceOf(instance)).indexOf(instance) + 1;
    }

    /**
     * The port instance {@code number} of a service asks for on the conventional ports: the service's
     * own for the first, then 100 higher per instance (order-service-2 on 8181, gateway-service-2 on 8180).
     */
    public static int conventionalPort(ServiceDefinition service, int number) {
        return service.conventionalPort() + 100 * (number - 1);
    }

    /** The management port instance {@code number} asks for, 100 higher per instance like {@link #conventionalPort}. */
    public static int conventionalManagementPort(ServiceDefinition service, int number) {
        return service.conventionalManagementPort() + 100 * (number - 1);
    }

    /**
     * What the catalogue makes an instance's environment from: the stack's addresses {@link #seenBy as
     * this instance sees them}, and the instance's own home folder (Kafka Streams state lives under it,
     * so each instance has its own state directory, hence its own Streams process id and transactional ids).
     */
    public ServiceDefinition.ServiceContext contextOf(String instance, StackAddresses all, DevSecrets secrets,
                                                      ServiceSettings settings, java.nio.file.Path home) {
        return new ServiceDefinition.ServiceContext(seenBy(numberOf(instance), all), secrets, settings, home);
    }

    /**
     * The stack's addresses as instance {@code number} sees them: every scalable service's plain name
     * stands for that service's instance of the same number (so {@code SERVER_PORT} is the instance's own
     * port and order-service-2's notify URL is notify-service-2's); every instance keeps its own name.
     *
     * @param all every instance's port, by instance name
     */
    public StackAddresses seenBy(int number, StackAddresses all) {
        if (number < 1 || number > count) {
            throw new IllegalArgumentException("instance " + number + " of " + count);
        }
        Map<String, Integer> ports = new HashMap<>(all.servicePorts());
        Map<String, Integer> managementPorts = new HashMap<>(all.managementPorts());
        for (String service : SCALABLE) {
            ports.put(service, all.portOf(name(service, number)));
            managementPorts.put(service, all.managementPortOf(name(service, number)));
        }
        return new StackAddresses(all.bootstrapServers(), all.registryUrl(), ports, managementPorts);
    }
}
