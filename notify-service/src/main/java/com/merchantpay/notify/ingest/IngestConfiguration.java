package com.merchantpay.notify.ingest;

import com.merchantpay.notify.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the notify URL: verification, the durable recorder (also the {@code notifyProducer} health), metrics. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    MerchantVerification merchantVerification(UseePayMerchant merchant) {
        return new MerchantVerification(merchant);
    }

    @Bean(name = "notifyProducer", destroyMethod = "close")
    NotificationRecorder notifyProducer(KafkaConnection connection, IngestProperties properties) {
        return new NotificationRecorder(connection, properties);
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    RouterFunction<ServerResponse> notificationRoutes(MerchantVerification verification, NotificationRecorder recorder,
                                                      IngestMetrics metrics, IngestProperties properties) {
        NotificationEndpoint endpoint = new NotificationEndpoint(verification, recorder, metrics, properties);
        return RouterFunctions.route(RequestPredicates.POST(NotificationEndpoint.PATH), endpoint::receive);
    }
}
