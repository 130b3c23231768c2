package com.merchantpay.localstack.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * Where each service's runnable Spring Boot jar is. The build's {@code exec} jar comes first; the
 * main artifact is the fallback, because a module whose repackage execution does not override the
 * Boot parent's (id {@code repackage}) repackages twice: its main jar is the runnable one and its
 * exec jar starts a launcher that starts itself. The first candidate whose manifest names an
 * application (not a launcher) as Start-Class wins.
 */
@FunctionalInterface
public interface ServiceJars {

    String VERSION_RESOURCE = "/local-stack/build.properties";
    String LAUNCHER_PACKAGE = "org.springframework.boot.loader.";

    /** The jars that may hold the service, best first. */
    List<Path> candidates(String service);

    /** The service's runnable jar; fails with what was looked at when there is none. */
    default Path jarOf(String service) {
        List<Path> candidates = candidates(service);
        return candidates.stream().filter(ServiceJars::startsAnApplication).findFirst()
                .orElseThrow(() -> new IllegalStateException(service + ": no runnable Spring Boot jar among " + candidates
                        + "; build it first (./mvnw -q install -DskipTests)"));
    }

    /** The jars as the build leaves them: {@code <repository>/<service>/target/<service>-<version>[-exec].jar}. */
    static ServiceJars inBuildFolders(Path repository) {
        String version = buildVersion();
        Path root = repository.toAbsolutePath().normalize();
        return service -> {
            Path target = root.resolve(service).resolve("target");
            return List.of(target.resolve(service + "-" + version + "-exec.jar"), target.resolve(service + "-" + version + ".jar"));
        };
    }

    /** The jars copied into one folder as {@code <service>-exec.jar} and {@code <service>.jar} (the e2e module's build). */
    static ServiceJars inFolder(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        return service -> List.of(root.resolve(service + "-exec.jar"), root.resolve(service + ".jar"));
    }

    static boolean startsAnApplication(Path jar) {
        return startClass(jar).filter(start -> !start.startsWith(LAUNCHER_PACKAGE)).isPresent();
    }

    private static Optional<String> startClass(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest()).map(manifest -> manifest.getMainAttributes().getValue("Start-Class"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The project version this module was built with; the services share it (one reactor). */
    static String buildVersion() {
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
}
