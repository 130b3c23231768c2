package com.merchantpay.e2e.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link RunningStack}: started on first use, once per test JVM (held in the root
 * context's store), and closed — every process stopped and waited for — when the test run ends.
 * Use with {@code @ExtendWith(WorkflowStack.class)} and a {@code RunningStack} parameter.
 */
public final class WorkflowStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WorkflowStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningStack.class;
    }

    @Override
    public RunningStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningStack.class, type -> RunningStack.start(), RunningStack.class);
    }
}
