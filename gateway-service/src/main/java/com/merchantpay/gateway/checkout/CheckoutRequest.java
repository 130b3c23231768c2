package com.merchantpay.gateway.checkout;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the Mini Program may say about a checkout: products and quantities. There is no price or
 * amount here, and any other field (price, amount, currency...) is refused with UNKNOWN_FIELD
 * before anything happens: order-service prices from its catalog, never from the client.
 */
@Schema(description = "Products and quantities only; any other field is refused")
record CheckoutRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items) {

    record Item(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") @Schema(example = "SKU-1001") String productId,
            @NotNull @Min(1) @Max(999) @Schema(example = "2") Integer quantity) {
    }
}
