package com.merchantpay.notify.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.MultiValueMap;

class CodecListsBuiltOnceTest {

    private final ServerCodecConfigurer configured = ServerCodecConfigurer.create();

    @Test
    void offersTheConfiguredReadersAndWritersInTheirOrderWithoutRebuildingThem() {
        CodecListsBuiltOnce codecs = new CodecListsBuiltOnce(configured);

        assertThat(codecs.getReaders()).map(Object::getClass)
                .containsExactlyElementsOf(configured.getReaders().stream().<Class<?>>map(Object::getClass).toList());
        assertThat(codecs.getWriters()).map(Object::getClass)
                .containsExactlyElementsOf(configured.getWriters().stream().<Class<?>>map(Object::getClass).toList());
        assertThat(codecs.getReaders()).isSameAs(codecs.getReaders());
    }

    @Test
    void stillFindsTheFormReaderTheExchangeLooksFor() {
        ResolvableType form = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);

        assertThat(new CodecListsBuiltOnce(configured).getReaders())
                .anyMatch((HttpMessageReader<?> reader) -> reader.canRead(form, MediaType.APPLICATION_FORM_URLENCODED));
    }

    @Test
    void refusesChangesItsListsWouldNotFollow() {
        CodecListsBuiltOnce codecs = new CodecListsBuiltOnce(configured);

        assertThatThrownBy(codecs::defaultCodecs).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(codecs::customCodecs).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> codecs.registerDefaults(false)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(codecs.clone().getReaders()).hasSameSizeAs(configured.getReaders());
    }
}
