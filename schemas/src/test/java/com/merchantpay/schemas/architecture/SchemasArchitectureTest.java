package com.merchantpay.schemas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The schemas module is the shared contract: it may depend on no service and on no other module of ours. */
@AnalyzeClasses(packages = "com.merchantpay", importOptions = ImportOption.DoNotIncludeTests.class)
class SchemasArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherModule = noClasses()
            .that().resideInAnyPackage("com.merchantpay.schemas..", "com.merchantpay.events..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.merchantpay.useepay..", "com.merchantpay.gateway..", "com.merchantpay.order..",
                    "com.merchantpay.notify..", "com.merchantpay.reconciliation..", "com.merchantpay.sandbox..",
                    "com.merchantpay.ops..", "com.merchantpay.localstack..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.merchantpay.schemas.(*)..").should().beFreeOfCycles();
}
