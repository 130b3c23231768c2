package com.merchantpay.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the shared broker and registry:
 * {@code @ContextConfiguration(initializers = SharedInfrastructureInitializer.class)} next to
 * {@code @SpringBootTest}. Its properties win over application.yml so a test never reaches a
 * developer's local stack by accident.
 */
public final class SharedInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("sharedInfrastructure", SharedInfrastructure.springProperties()));
    }
}
