package com.merchantpay.notify.ingest;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.useepay.notification.NotificationVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the notify URL: verification, the durable recorder (also the {@code notifyProducer} health), metrics, codecs. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean(name = "notifyProducer", destroyMethod = "close")
    NotificationRecorder notifyProducer(KafkaProperties kafka, RegisteredSchemas schemas, IngestProperties properties,
                                        ObjectProvider<Propagator> propagator) {
        // No propagator without tracing (switched off): the records then carry no traceparent.
        return new NotificationRecorder(String.join(",", kafka.getBootstrapServers()), schemas, properties,
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** The HTTP handler finds the form reader for every notification: from lists built once, not per request. */
    @Bean
    WebHttpHandlerBuilderCustomizer codecListsBuiltOnce(ServerCodecConfigurer codecs) {
        return builder -> builder.codecConfigurer(new CodecListsBuiltOnce(codecs));
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry, NotificationEndpoint.refusals());
    }

    @Bean
    RouterFunction<ServerResponse> notificationRoutes(NotificationVerifier verification, NotificationRecorder recorder,
                                                      IngestMetrics metrics, IngestProperties properties) {
        NotificationEndpoint endpoint = new NotificationEndpoint(verification, recorder, metrics, properties);
        return RouterFunctions.route(RequestPredicates.POST(NotificationEndpoint.PATH), endpoint::receive);
    }
}
