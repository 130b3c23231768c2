package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.merchantpay.localstack.service.ServiceCatalogue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tests' sandbox: the catalogue's sandbox from its exec jar, on the port it bound, with typed admin calls. */
class SandboxIT {

    private static final Sandbox.Options OPTIONS = Sandbox.Options.realTime().with("SANDBOX_WECHAT_CALLSPERMINUTE", "7");

    private final Sandbox sandbox = Sandbox.shared(OPTIONS);
    private final SandboxAdmin admin = sandbox.admin();

    @AfterEach
    void switchesOff() {
        admin.clearFaults();
    }

    @Test
    void runsTheCataloguesSandboxOnThePortItBoundOncePerJvm() throws Exception {
        assertThat(sandbox.baseUrl().getPort()).isPositive();
        assertThat(Sandbox.shared(OPTIONS)).isSameAs(sandbox);
        assertThatThrownBy(() -> Sandbox.shared(OPTIONS.withTimeScale(0.5))).hasMessageContaining("one accessor");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(sandbox.baseUrl()
                    .resolve(ServiceCatalogue.named(ServiceCatalogue.SANDBOX).readinessPath())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
        }
        assertThat(sandbox.secrets().merchantMd5Key()).startsWith("dev-only-");
        assertThat(sandbox.toString()).doesNotContain(sandbox.secrets().merchantMd5Key());
    }

    @Test
    void mintsLoginCodesThatCode2SessionRedeemsOnceWithTheCataloguesAppIdAndSecret() {
        String code = admin.mintLoginCode("o-sandbox-it");

        assertThat(admin.code2Session(sandbox.secrets().weChatAppId(), sandbox.secrets().weChatAppSecret(), code)
                .path("openid").asString()).isEqualTo("o-sandbox-it");
        assertThat(admin.code2Session(sandbox.secrets().weChatAppId(), sandbox.secrets().weChatAppSecret(), code)
                .path("errcode").asInt()).isEqualTo(40163);
    }

    @Test
    void takesTheModulesOwnEnvironmentOnTopOfTheCatalogues() {
        // SANDBOX_WECHAT_CALLSPERMINUTE=7: the eighth code2Session call of one user in a minute is 45011.
        for (int call = 0; call < 7; call++) {
            admin.code2Session(sandbox.secrets().weChatAppId(), sandbox.secrets().weChatAppSecret(), admin.mintLoginCode("o-quota"));
        }
        assertThat(admin.code2Session(sandbox.secrets().weChatAppId(), sandbox.secrets().weChatAppSecret(),
                admin.mintLoginCode("o-quota")).path("errcode").asInt()).isEqualTo(45011);
    }

    @Test
    void placesPaysAndReadsBackAnOrderThroughTheTypedAdminCalls() {
        String orderNo = "sandbox-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (UseePayOrders useePay = new UseePayOrders(sandbox, URI.create("http://127.0.0.1:9/notify"))) {
            useePay.place(orderNo, 1_234, "HKD", 20);
        }

        assertThat(admin.order(orderNo)).hasValueSatisfying(order -> {
            assertThat(order.amountMinor()).isEqualTo(1_234);
            assertThat(order.currency()).isEqualTo("HKD");
            assertThat(order.status()).isEqualTo("received");
            assertThat(order.isFinal()).isFalse();
            assertThat(order.createdAt()).isNotNull();
        });
        assertThat(admin.pay(orderNo)).isEqualTo(200);
        assertThat(admin.pay(orderNo)).as("already final").isEqualTo(409);
        assertThat(admin.order(orderNo).orElseThrow().paid()).isTrue();
        assertThat(admin.counters(orderNo).creates()).isEqualTo(1);
        assertThat(admin.creates(orderNo)).isEqualTo(1);
        assertThat(admin.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(admin.allCounters()).containsKey(orderNo);
        assertThat(admin.totalCreates()).isPositive();
    }

    @Test
    void answersForOrdersItNeverSawWithZeroesAnd404() {
        assertThat(admin.counters("never-seen")).isEqualTo(SandboxAdmin.Counters.NONE);
        assertThat(admin.order("never-seen")).isEmpty();
        assertThat(admin.ordersHeld("never-seen")).isZero();
        assertThat(admin.pay("never-seen")).isEqualTo(404);
    }

    @Test
    void refusesAFaultSettingItCannotRead() {
        assertThatThrownBy(() -> admin.faults("{\"rules\":{\"NO_SUCH_FAULT\":{\"next\":1}}}"))
                .hasMessageContaining("PUT /sandbox/faults answered 400");
    }
}
