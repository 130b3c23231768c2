package com.merchantpay.gateway.status;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxWait the longest long-poll a client may ask for; wx.request allows 60 s, keep well under
 * @param horizon how far back the view remembers: orders that began (checked out) longer ago are
 *                archived (the Mini Program gets ORDER_NOT_FOUND, saying so); a refund made later
 *                is not shown. The view reads only this much of
 *                the topics at start and drops what ages out, so its heap and start time follow the
 *                recent order rate, never the topics' history. Far longer than a shopper waits on
 *                an order (a UseePay order lives 20 minutes at most)
 */
@Validated
@ConfigurationProperties("gateway.status")
public record StatusProperties(
        @NotNull @DefaultValue("25s") Duration maxWait,
        @NotNull @DefaultValue("24h") Duration horizon) {
}
