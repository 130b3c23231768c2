package com.merchantpay.gateway;

import com.merchantpay.schemas.kafka.TopicsInUse;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/** The Mini Program's only door: login, checkout and order status. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** Writes logins and checkouts; its order view reads checkouts, orders and outcomes. */
    @Bean
    TopicsInUse topicsInUse() {
        return TopicsInUse.of(PaymentTopics.USER_LOGINS, PaymentTopics.CHECKOUTS, PaymentTopics.ORDERS, PaymentTopics.OUTCOMES);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Netty event loops owned by this application rather than Reactor's JVM-wide ones, which Boot
     * would dispose on shutdown: a gateway closing in a JVM that hosts other clients or instances
     * (an embedding host, or the two-instance tests) must not pull their loops away.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
