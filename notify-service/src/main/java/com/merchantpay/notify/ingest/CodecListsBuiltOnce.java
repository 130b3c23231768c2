package com.merchantpay.notify.ingest;

import java.util.List;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * The web server's codecs with their reader and writer lists built once. Spring builds both lists anew on
 * every call, and it asks for the readers on every form-encoded request (to find the form reader while it
 * creates the exchange) although this service reads the body itself: 5 % of the event loops' CPU at
 * thousands of notifications a second. Only the HTTP handler gets this view, once the configured codecs
 * are complete; changing codecs through it is refused, since the lists would not follow.
 */
final class CodecListsBuiltOnce implements ServerCodecConfigurer {

    private final ServerCodecConfigurer configured;
    private final List<HttpMessageReader<?>> readers;
    private final List<HttpMessageWriter<?>> writers;

    CodecListsBuiltOnce(ServerCodecConfigurer configured) {
        this.configured = configured;
        this.readers = List.copyOf(configured.getReaders());
        this.writers = List.copyOf(configured.getWriters());
    }

    @Override
    public List<HttpMessageReader<?>> getReaders() {
        return readers;
    }

    @Override
    public List<HttpMessageWriter<?>> getWriters() {
        return writers;
    }

    @Override
    public ServerDefaultCodecs defaultCodecs() {
        throw fixed();
    }

    @Override
    public CustomCodecs customCodecs() {
        throw fixed();
    }

    @Override
    public void registerDefaults(boolean registerDefaults) {
        throw fixed();
    }

    /** A configurable copy of the codecs this view was built from. */
    @Override
    public ServerCodecConfigurer clone() {
        return configured.clone();
    }

    private static UnsupportedOperationException fixed() {
        return new UnsupportedOperationException("the HTTP handler's codecs are fixed once built; configure the "
                + "application's ServerCodecConfigurer instead");
    }
}
