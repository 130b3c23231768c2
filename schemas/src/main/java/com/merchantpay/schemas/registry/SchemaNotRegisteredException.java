package com.merchantpay.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry answered, and does not hold what was asked for: a schema a service writes that the
 * deployment step never registered, or a schema id that no registry version ever issued. Retrying
 * will not help; a service refuses to start on the first, a consumer dead-letters the second.
 */
public final class SchemaNotRegisteredException extends SerializationException {

    public SchemaNotRegisteredException(String message) {
        super(message);
    }
}
