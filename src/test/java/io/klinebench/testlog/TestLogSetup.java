package io.klinebench.testlog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The tests' logging (found by logback as a service from the test resources): what the code
 * logs goes to {@code target/test.log}, not to the console, so a passing build prints no
 * warnings that tests provoke on purpose (a state file that cannot be written, a framing error
 * on a faked port); a failing test's story is in that file, at the level named by {@code
 * KLINE_BENCH_LOG_LEVEL} (INFO when unset). Tests that check what is logged attach their own
 * appender.
 */
public final class TestLogSetup extends ContextAwareBase implements Configurator {

    public TestLogSetup() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} [%thread] %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile("target/test.log");
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("KLINE_BENCH_LOG_LEVEL"), Level.INFO));
        root.addAppender(file);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
