package com.merchantpay.e2e.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The same clients {@link RunningStack} offers (sandbox admin, Mini Program, topic reader), for any
 * {@link LocalStack}: a test that starts its own stack (several instances per service, say) rather
 * than the JVM's shared one, and that talks to more than one gateway instance.
 */
public final class StackClients {

    private final JsonHttp http = new JsonHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    private final SandboxAdmin sandbox;
    private final OrderEventLog eventLog;

    private StackClients(LocalStack stack) {
        this.sandbox = new SandboxAdmin(stack.serviceUrl(ServiceCatalogue.SANDBOX), http);
        this.eventLog = new OrderEventLog(stack.bootstrapServers(), new RegistrySchemas(URI.create(stack.registryUrl()), http));
    }

    public static StackClients of(LocalStack stack) {
        return new StackClients(stack);
    }

    public SandboxAdmin sandbox() {
        return sandbox;
    }

    public OrderEventLog eventLog() {
        return eventLog;
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
        String token = reply.body().path("token").asText();
        assertThat(token).as("login token").isNotBlank();
        return gateways.stream().map(gateway -> new Shopper(gateway, token, http)).toList();
    }
}
