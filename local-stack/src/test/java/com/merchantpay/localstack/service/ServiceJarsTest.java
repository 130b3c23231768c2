package com.merchantpay.localstack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar is the one whose manifest starts an application, not a launcher. */
class ServiceJarsTest {

    @TempDir
    Path folder;

    @Test
    void prefersTheExecJar() throws IOException {
        jar(folder.resolve("sandbox-exec.jar"), "com.merchantpay.sandbox.SandboxApplication");
        jar(folder.resolve("sandbox.jar"), "com.merchantpay.sandbox.SandboxApplication");

        assertThat(ServiceJars.inFolder(folder).jarOf("sandbox")).isEqualTo(folder.resolve("sandbox-exec.jar"));
    }

    @Test
    void fallsBackToTheMainJarWhenTheExecJarStartsALauncher() throws IOException {
        jar(folder.resolve("sandbox-exec.jar"), "org.springframework.boot.loader.launch.JarLauncher");
        jar(folder.resolve("sandbox.jar"), "com.merchantpay.sandbox.SandboxApplication");

        assertThat(ServiceJars.inFolder(folder).jarOf("sandbox")).isEqualTo(folder.resolve("sandbox.jar"));
    }

    @Test
    void saysWhatItLookedAtWhenNothingRuns() throws IOException {
        jar(folder.resolve("sandbox.jar"), null);

        assertThatThrownBy(() -> ServiceJars.inFolder(folder).jarOf("sandbox"))
                .hasMessageContaining("sandbox-exec.jar").hasMessageContaining("build it first");
    }

    @Test
    void buildFoldersAreNamedByTheReactorVersion() {
        assertThat(ServiceJars.inBuildFolders(Path.of("/repo")).candidates("order-service")).containsExactly(
                Path.of("/repo/order-service/target/order-service-" + ServiceJars.buildVersion() + "-exec.jar"),
                Path.of("/repo/order-service/target/order-service-" + ServiceJars.buildVersion() + ".jar"));
        assertThat(ServiceJars.buildVersion()).doesNotContain("@");
    }

    private static void jar(Path file, String startClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (startClass != null) {
            manifest.getMainAttributes().putValue("Start-Class", startClass);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
