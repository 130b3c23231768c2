package com.merchantpay.schemas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The schemas module is the shared contract and the shared plumbing, nothing else: it may depend on
 * no service and on no other module of ours, and domain logic (a state machine, a rule about money)
 * has no place to hide in it. Events are the generated Avro records; hand-written code lives only in
 * the infrastructure packages below.
 */
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
    static final ArchRule infrastructureOnly = classes()
            .that().resideInAPackage("com.merchantpay.schemas..")
            .should().resideInAnyPackage("com.merchantpay.schemas.registry..", "com.merchantpay.schemas.serde..",
                    "com.merchantpay.schemas.kafka..", "com.merchantpay.schemas.topics..", "com.merchantpay.schemas.ids..",
                    "com.merchantpay.schemas.tracing..", "com.merchantpay.schemas.compatibility..")
            .because("a shared module holds infrastructure only; a new package here needs a reason in docs/CONVENTIONS.md");

    @ArchTest
    static final ArchRule eventsAreGeneratedRecordsOnly = classes()
            .that().resideInAPackage("com.merchantpay.events..").and().areTopLevelClasses()
            .should().beAssignableTo(SpecificRecordBase.class).orShould().beEnums()
            .because("events are data generated from the .avsc files; behaviour belongs to the service that owns it");

    @ArchTest
    static final ArchRule infrastructureKnowsNoEventButTheCatalogue = noClasses()
            .that().resideInAPackage("com.merchantpay.schemas..").and().resideOutsideOfPackage("com.merchantpay.schemas.topics..")
            .should().dependOnClassesThat().resideInAPackage("com.merchantpay.events..")
            .because("only the topic catalogue names event types; the plumbing works for any record");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.merchantpay.schemas.(*)..").should().beFreeOfCycles();
}
