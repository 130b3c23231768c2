package com.merchantpay.schemas.registry;

/** The registry refused a new version because it breaks the subject's compatibility rule (HTTP 409). */
public final class IncompatibleSchemaException extends RuntimeException {

    public IncompatibleSchemaException(String subject, String registryMessage) {
        super("the registry refused a new version of " + subject + " as incompatible: " + registryMessage);
    }
}
