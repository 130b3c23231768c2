package com.merchantpay.localstack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar is the module's exec jar in its build folder, named by the reactor's version. */
class ServiceJarsTest {

    @TempDir
    Path repository;

    @Test
    void theExecJarInTheModulesBuildFolder() throws IOException {
        Path jar = repository.resolve("sandbox/target/sandbox-" + ServiceJars.buildVersion() + "-exec.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {1});

        assertThat(ServiceJars.inBuildFolders(repository).jarOf("sandbox")).isEqualTo(jar);
        assertThat(ServiceJars.buildVersion()).isNotBlank().doesNotContain("@");
    }

    @Test
    void saysWhereItLookedAndHowToBuildWhenTheJarIsMissing() {
        assertThatThrownBy(() -> ServiceJars.inBuildFolders(repository).jarOf("order-service"))
                .hasMessageContaining("order-service/target/order-service-" + ServiceJars.buildVersion() + "-exec.jar")
                .hasMessageContaining("build it first");
    }
}
