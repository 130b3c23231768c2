package com.merchantpay.localstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests into fabric8's and Strimzi's models as strictly as the API server would
 * validate them, so that a misspelled field fails a test instead of being dropped at apply time (or, worse,
 * kept by the model and passed along unseen).
 *
 * <p>The models keep unknown fields on purpose, in an "additional properties" map behind
 * {@code @JsonAnySetter} (and some classes say {@code ignoreUnknown}); for a client that is forgiving, for
 * a check of our own files it hides every typo. This reader turns both off, so Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES applies to every object of every model.
 */
final class StrictManifests {

    /** The kinds the deployment uses, by {@code apiVersion/kind}; anything else is a mistake. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class,
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class);

    private final ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A key given twice in one object: YAML keeps the last silently, the API server refuses it.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // containerPort: "8080" or an env value given as a number are refused by the API server too.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, textual -> textual
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .annotationIntrospector(new NoUnknownFieldsIntrospector())
            .build();

    /** One document of a manifest file, read into its model. */
    record Manifest(Path file, HasMetadata resource) {
    }

    /** Every document of every {@code .yaml} file in the folder, in file order. */
    List<Manifest> readFolder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Manifest> manifests = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                read(Files.readString(file)).forEach(resource -> manifests.add(new Manifest(file, resource)));
            }
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifests in " + folder, e);
        }
    }

    /** Every document of one YAML text; fails on an unknown kind, an unknown field or a value of the wrong type. */
    List<HasMetadata> read(String yaml) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (var documents = mapper.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<? extends HasMetadata> model = MODELS.get(type);
                if (model == null) {
                    throw new IllegalArgumentException("No model for " + type + " (known: " + MODELS.keySet() + ")");
                }
                HasMetadata resource = mapper.treeToValue(document, model);
                // Strimzi's classes answer their own preferred apiVersion whatever the file said; keep the file's.
                resource.setApiVersion(document.path("apiVersion").asText());
                resources.add(resource);
            }
        }
        return resources;
    }

    /** Jackson's own annotations, less what lets a model swallow fields it does not know. */
    private static final class NoUnknownFieldsIntrospector extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }

        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
            return super.findPropertyIgnoralByName(config, annotated).withoutIgnoreUnknown();
        }
    }
}
