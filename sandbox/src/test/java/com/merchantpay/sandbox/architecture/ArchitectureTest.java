package com.merchantpay.sandbox.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The sandbox plays the other side of the wire, so it must not borrow the merchant's code: from
 * useepay-client only the signing primitives and notification types are allowed (the rules both
 * sides follow), never the client's calls or results, and nothing from any service module.
 */
@AnalyzeClasses(packages = "com.merchantpay.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("com.merchantpay.sandbox.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlySigningAndNotificationTypesFromOtherModules = noClasses()
            .that().resideInAPackage("com.merchantpay.sandbox..")
            .should().dependOnClassesThat(resideInAPackage("com.merchantpay..").and(not(resideInAnyPackage(
                    "com.merchantpay.sandbox..",
                    "com.merchantpay.useepay.signing..",
                    "com.merchantpay.useepay.notification..")))
                    .as("classes of other com.merchantpay modules"));
}
