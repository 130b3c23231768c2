package com.merchantpay.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.merchantpay.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("com.merchantpay.order.(*)..").should().beFreeOfCycles();

    /** Only the shared modules: no other service, no test fixture, no sandbox. */
    @ArchTest
    static final ArchRule onlySharedModulesAreImported = noClasses().that().resideInAPackage("com.merchantpay.order..")
            .should().dependOnClassesThat(DescribedPredicate.describe("outside order/schemas/events/useepay",
                    javaClass -> javaClass.getPackageName().startsWith("com.merchantpay.")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.order")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.schemas")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.events")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.useepay")));

    /** The catalog prices and the ledger remembers; neither knows about Kafka listeners or UseePay. */
    @ArchTest
    static final ArchRule catalogStaysPure = noClasses().that().resideInAPackage("..order.catalog..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "com.merchantpay.useepay..", "reactor..");
}
