package com.merchantpay.gateway.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.context.annotation.Configuration;

/**
 * The document's fixed parts. The server is relative so the served document does not depend on
 * the host and port it was fetched from, and can be compared with the checked-in openapi.json.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "MerchantPay gateway", version = "v1",
                description = "Login, checkout and order status for the WeChat Mini Program. Every error is "
                        + "application/problem+json (RFC 9457) with a stable `code`."),
        servers = @Server(url = "/"))
class OpenApiDocument {
}
