package com.merchantpay.useepay;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The library's shape: feature packages without cycles, signing standing alone, no other project module or Kafka. */
@AnalyzeClasses(packages = "com.merchantpay.useepay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.merchantpay.useepay.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule signingStandsAlone = classes().that().resideInAPackage("com.merchantpay.useepay.signing..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("com.merchantpay.useepay.signing..", "java..")
            .because("the sandbox signs with it alone, and a signature must not depend on transport or parsing");

    @ArchTest
    static final ArchRule noOtherProjectModule = noClasses().should().dependOnClassesThat(
                    resideInAPackage("com.merchantpay..").and(not(resideInAPackage("com.merchantpay.useepay.."))))
            .because("this library is shared by the services and the sandbox: it must not pull in any of them");

    @ArchTest
    static final ArchRule noKafka = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "reactor.kafka..");

    /** {@code reactor.util.context}: the caller's trace id arrives in the Reactor context (same reactor-core jar). */
    /** Spring Boot appears only in the auto-configuration, which nothing else in the library uses. */
    /** {@code io.micrometer.observation}: the calls are observed (client spans, traceparent) in the caller's registry. */
    @ArchTest
    static final ArchRule onlyTheDeclaredStack = classes().that().resideOutsideOfPackage("..useepay.autoconfigure..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
            "com.merchantpay.useepay..", "java..", "org.springframework.http..", "org.springframework.web.reactive..",
            "reactor.core..", "reactor.util.context..", "reactor.netty..", "io.netty.channel..", "tools.jackson..",
            "io.micrometer.observation..");

    @ArchTest
    static final ArchRule noHttpOrJsonInTheVocabulary = noClasses()
            .that().resideInAnyPackage("com.merchantpay.useepay.pay..", "com.merchantpay.useepay.query..",
                    "com.merchantpay.useepay.notification..", "com.merchantpay.useepay.form..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "io.netty..", "tools.jackson..")
            .because("result types and notification checks are plain Java that notify-service can use without the HTTP stack");
}
