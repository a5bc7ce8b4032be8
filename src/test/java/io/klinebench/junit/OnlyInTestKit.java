package io.klinebench.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the example test classes only when a test runs them through JUnit's EngineTestKit (which
 * sets {@value #KEY}): some fail on purpose, to show what the extension does then.
 */
final class OnlyInTestKit implements ExecutionCondition {

    static final String KEY = "kline-bench.examples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).isPresent()
                ? ConditionEvaluationResult.enabled("run by a test of the extension")
                : ConditionEvaluationResult.disabled("an example for the extension's own tests");
    }
}
