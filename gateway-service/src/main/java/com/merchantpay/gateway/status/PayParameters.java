package com.merchantpay.gateway.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The five wx.requestPayment values exactly as UseePay gave them; {@code package} keeps its name. */
@Schema(description = "Pass these to wx.requestPayment unchanged")
public record PayParameters(
        String timeStamp,
        String nonceStr,
        @JsonProperty("package") @Schema(name = "package", example = "prepay_id=wx201410272009395522657a690389285100") String prepayPackage,
        String signType,
        String paySign) {
}
