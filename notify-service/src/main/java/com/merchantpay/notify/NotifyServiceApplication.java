package com.merchantpay.notify;

import com.merchantpay.schemas.kafka.TopicsInUse;
import com.merchantpay.schemas.topics.PaymentTopics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** UseePay's notify URL (ingest) and the outcome processor, in one deployable. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifyServiceApplication.class, args);
    }

    /** Ingest writes findings; the outcome processor reads orders, findings and refunds, writes outcomes, alerts and refund decisions. */
    @Bean
    TopicsInUse topicsInUse() {
        return TopicsInUse.of(PaymentTopics.ORDERS, PaymentTopics.PSP_FINDINGS, PaymentTopics.PSP_QUERIES,
                PaymentTopics.REFUND_REQUESTS, PaymentTopics.REFUNDS, PaymentTopics.OUTCOMES, PaymentTopics.ALERTS);
    }
}
