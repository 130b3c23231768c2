package com.merchantpay.localstack.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where each deployable's runnable Spring Boot jar is: the one the build leaves in the module's
 * folder, {@code <repository>/<module>/target/<module>-<version>-exec.jar} (the parent pom's one
 * repackage execution, classifier {@code exec}). bin/local-stack, the e2e tests and the tests'
 * sandbox launcher all run that file.
 */
public final class ServiceJars {

    static final String VERSION_RESOURCE = "/local-stack/build.properties";

    private final Path repository;

    private ServiceJars(Path repository) {
        this.repository = repository.toAbsolutePath().normalize();
    }

    /** The jars of the repository checked out at {@code repository}. */
    public static ServiceJars inBuildFolders(Path repository) {
        return new ServiceJars(repository);
    }

    /** Where the build puts the jar of {@code service} (a module name), built or not. */
    public Path pathOf(String service) {
        return repository.resolve(service).resolve("target").resolve(service + "-" + buildVersion() + "-exec.jar");
    }

    /** The service's runnable jar; fails, naming the path, when it has not been built. */
    public Path jarOf(String service) {
        Path jar = pathOf(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service + ": no runnable jar at " + jar
                    + "; build it first (./mvnw -B -ntp package -DskipTests)");
        }
        return jar;
    }

    /** The project version this module was built with; the services share it (one reactor). */
    public static String buildVersion() {
        try (InputStream in = ServiceJars.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + VERSION_RESOURCE + ": build local-stack with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "ServiceJars[" + repository + "]";
    }
}
