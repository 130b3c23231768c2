package com.merchantpay.schemas.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids that a retry or a replay reproduces exactly: the same facts give the same id, so a
 * subscriber that remembers ids can drop a repeat.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A name-based (version 3) UUID of the given parts joined with ':'. */
    public static String deterministic(String... parts) {
        return UUID.nameUUIDFromBytes(String.join(":", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
