package com.merchantpay.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.TopicTap;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The clients {@link RunningStack} offers, for any {@link LocalStack}: test-support's
 * {@link SandboxAdmin} on the stack's sandbox, a {@link TopicTap} on every topic of the workflow
 * from the stack's start (values decoded as any language would, {@link OrderEvent}), the broker's
 * {@link ConsumerGroups}, and the Mini Program against one gateway or one user through several
 * gateway instances. For a test that starts its own stack (several instances per service, say)
 * rather than the JVM's shared one. Close it before the stack (the tap's consumer).
 */
public final class StackClients implements AutoCloseable {

    /** Every topic of the workflow (dead-letter topics included), all read by {@link #topics()}. */
    public static final List<String> ORDER_TOPICS = PaymentTopics.all().stream().map(TopicSpec::name).toList();

    private final JsonHttp http = new JsonHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    private final String bootstrapServers;
    private final SandboxAdmin sandbox;
    private final RegistrySchemas schemas;
    private final TopicTap topics;

    private StackClients(LocalStack stack) {
        this.bootstrapServers = stack.bootstrapServers();
        this.sandbox = new SandboxAdmin(stack.serviceUrl(ServiceCatalogue.SANDBOX));
        this.schemas = new RegistrySchemas(URI.create(stack.registryUrl()), http);
        this.topics = TopicTap.open(stack.bootstrapServers(), stack.registryUrl(), TopicTap.From.BEGINNING, ORDER_TOPICS);
    }

    /** Opens the clients; the tap starts reading every order topic from its beginning. */
    public static StackClients of(LocalStack stack) {
        return new StackClients(stack);
    }

    public SandboxAdmin sandbox() {
        return sandbox;
    }

    /** Every record of the order topics, read (read_committed) since the stack started. */
    public TopicTap topics() {
        return topics;
    }

    /** The stack's consumer groups: who has committed what. */
    public ConsumerGroups consumerGroups() {
        return ConsumerGroups.on(bootstrapServers);
    }

    /** Every event of these topics committed until now, decoded, in partition then offset order of arrival. */
    public List<OrderEvent> readAll(String... topicNames) {
        topics.readToEnd();
        List<OrderEvent> events = new ArrayList<>();
        for (String topic : topicNames) {
            topics.records(topic).forEach(record -> events.add(OrderEvent.decode(record, schemas)));
        }
        return events;
    }

    /** Every event keyed by {@code orderNo} on these topics committed until now, decoded, topic by topic. */
    public List<OrderEvent> eventsOf(String orderNo, String... topicNames) {
        topics.readToEnd();
        List<OrderEvent> events = new ArrayList<>();
        for (String topic : topicNames) {
            topics.records(topic, orderNo).forEach(record -> events.add(OrderEvent.decode(record, schemas)));
        }
        return events;
    }

    /** Every keyed event of the topic committed until now, decoded, by order number: one read for many orders. */
    public Map<String, List<OrderEvent>> byOrder(String topic) {
        return readAll(topic).stream().filter(event -> event.key() != null).collect(Collectors.groupingBy(OrderEvent::key));
    }

    /** The Mini Program pointed at one gateway instance. */
    public MiniProgram miniProgram(URI gateway) {
        return new MiniProgram(gateway, sandbox, http);
    }

    /**
     * One Mini Program user logged in once (through the first gateway), as seen through each of
     * {@code gateways}: behind a load balancer any instance takes the user's token, since every
     * instance signs with the same key.
     */
    public List<Shopper> logIn(String openId, List<URI> gateways) {
        String code = sandbox.mintLoginCode(openId);
        JsonHttp.Reply reply = http.post(gateways.getFirst().resolve("/api/v1/sessions"), Map.of("code", code), Map.of());
        assertThat(reply.status()).as("login of %s: %s", openId, reply.body()).isEqualTo(200);
        String token = reply.body().path("token").asString();
        assertThat(token).as("login token").isNotBlank();
        return gateways.stream().map(gateway -> new Shopper(gateway, token, http)).toList();
    }

    @Override
    public void close() {
        topics.close();
    }
}
