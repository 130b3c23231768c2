package com.merchantpay.baseline.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /checkout}: who pays (their openid; a real merchant would take it from its own login
 * session) and the basket, never a price.
 */
public record CheckoutRequest(@NotBlank @Size(max = 128) String openId,
                              @NotEmpty @Size(max = 50) List<@Valid Line> items) {

    public record Line(@NotBlank @Size(max = 64) String productId, @Min(1) @Max(99) int quantity) {
    }
}
