package com.merchantpay.order;

import com.merchantpay.schemas.kafka.TopicsInUse;
import com.merchantpay.schemas.topics.PaymentTopics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Turns {@code CheckoutRequested} into UseePay JSAPI orders (one {@code OrderCreated} or {@code OrderRejected}
 * per order number), and carries approved refunds to UseePay (at most one refund per refund id).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }

    /** Reads checkouts and approved refunds; writes decisions, alerts, dead letters and refund answers. */
    @Bean
    TopicsInUse topicsInUse() {
        return TopicsInUse.of(PaymentTopics.CHECKOUTS, PaymentTopics.ORDERS, PaymentTopics.ALERTS, PaymentTopics.REFUNDS);
    }
}
