package com.merchantpay.order.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The request examples in the repository's Markdown (READMEs, docs) run as written: every product a
 * checkout body names is in the catalog order-service ships (its application.yml, bound as the
 * service binds it). A reader who copies an example gets an order, not UNKNOWN_PRODUCT.
 */
class ReadmeExamplesTest {

    private static final Pattern PRODUCT_ID = Pattern.compile("\"productId\"\\s*:\\s*\"([^\"]*)\"");

    @Test
    void everyProductAnExampleOrdersIsInTheShippedCatalog() throws IOException {
        Set<String> catalog = shippedCatalog().products().keySet();
        List<String> examples = new ArrayList<>();
        for (Path markdown : markdownFiles()) {
            Matcher productId = PRODUCT_ID.matcher(Files.readString(markdown));
            while (productId.find()) {
                examples.add(repository().relativize(markdown) + ": " + productId.group(1));
            }
        }

        assertThat(examples).as("product ids in the Markdown examples").isNotEmpty()
                .anySatisfy(example -> assertThat(example).startsWith("gateway-service/README.md"))
                .allSatisfy(example -> assertThat(catalog).as(example).contains(example.substring(example.lastIndexOf(": ") + 2)));
    }

    /** The catalog as order-service binds it from the application.yml in its jar. */
    private static CatalogProperties shippedCatalog() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        return Binder.get(environment).bind("catalog", CatalogProperties.class).get();
    }

    /** The root's and every module's Markdown, and docs/: what a reader of the repository copies from. */
    private static Set<Path> markdownFiles() throws IOException {
        Path root = repository();
        Set<Path> files = new TreeSet<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path entry : top.toList()) {
                if (entry.toString().endsWith(".md")) {
                    files.add(entry);
                } else if (Files.isDirectory(entry) && !entry.getFileName().toString().startsWith(".")) {
                    try (Stream<Path> inside = Files.list(entry)) {
                        inside.filter(file -> file.toString().endsWith(".md")).forEach(files::add);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private static Path repository() {
        return Path.of(System.getProperty("local-stack.repository", "..")).toAbsolutePath().normalize();
    }
}
