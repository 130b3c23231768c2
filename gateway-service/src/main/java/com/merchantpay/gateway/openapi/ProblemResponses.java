package com.merchantpay.gateway.openapi;

import com.merchantpay.gateway.problem.ProblemCode;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every non-2xx response in the document is an RFC 9457 problem: one {@code Problem} schema whose
 * {@code code} lists every stable code, so client generators see the error contract too.
 */
@Configuration(proxyBeanMethods = false)
class ProblemResponses {

    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer problemResponsesCustomizer() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            Schema<?> reference = new Schema<>().$ref("#/components/schemas/Problem");
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getResponses().forEach((status, response) -> {
                        if (!status.startsWith("2")) {
                            response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(reference)));
                        }
                    })));
        };
    }

    private static Schema<?> problemSchema() {
        StringSchema code = new StringSchema();
        code.setEnum(Arrays.stream(ProblemCode.values()).map(Enum::name).toList());
        code.setDescription("Stable machine-readable code: branch on this, not on title or detail");
        return new ObjectSchema()
                .description("RFC 9457 problem details; further members (e.g. errors, field, orderNo, reason) depend on the code")
                .addProperty("type", new StringSchema().description("urn:merchantpay:problem:<code in kebab case>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", code)
                .addProperty("traceId", new StringSchema().description("Quote it to support; also in the X-Trace-Id header"));
    }
}
