package com.merchantpay.notify;

import com.merchantpay.schemas.serde.RegistryWireFormat;
import io.apicurio.registry.serde.avro.AvroSerde;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The registry's Avro serde in the team's wire format, set up to both read (specific records) and write. */
public final class EventSerde {

    /**
     * The registry client's JDK HttpClient adapter instead of the default Vert.x one, which runs on
     * this service's Netty 4.2 (Vert.x 4.5 is built for 4.1) and was seen to hang a schema lookup forever.
     */
    public static final Map<String, Object> JDK_HTTP = Map.of("apicurio.registry.http.adapter", "JDK");

    private EventSerde() {
    }

    public static Serde<SpecificRecord> forRegistry(String registryUrl) {
        Map<String, Object> config = new HashMap<>(RegistryWireFormat.consumerSerdeConfig(registryUrl));
        config.putAll(RegistryWireFormat.producerSerdeConfig(registryUrl));
        config.putAll(JDK_HTTP);
        AvroSerde<SpecificRecord> serde = new AvroSerde<>();
        serde.configure(config, false);
        return serde;
    }
}
