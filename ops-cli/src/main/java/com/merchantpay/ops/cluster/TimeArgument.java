package com.merchantpay.ops.cluster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * ISO-8601 times on the command line: {@code 2026-11-26T10:00:00Z}, {@code 2026-11-26T18:00:00+08:00},
 * {@code 2026-11-26T10:00:00} (UTC) or {@code 2026-11-26} (midnight UTC). Anything else is a usage error.
 */
public final class TimeArgument implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    throw new TypeConversionException("'" + value + "' is not an ISO-8601 time (e.g. 2026-11-26T10:00:00Z)");
                }
            }
        }
    }
}
