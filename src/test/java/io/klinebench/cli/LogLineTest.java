package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The command line's hand-written log line says what logback's pattern it replaced said. */
class LogLineTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void aLineIsWhatThePatternWrote() {
        for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
            LoggingEvent event = event(level, "the port {} vanished", null, 1_733_400_000_007L);
            assertThat(line(event)).isEqualTo(pattern(event));
        }
    }

    @Test
    void aThrowableFollowsItsLineAsThePatternWroteIt() {
        LoggingEvent event = event(Level.WARN, "gave up on {}", new IllegalStateException("busy"), 1_733_400_059_999L);
        assertThat(line(event)).isEqualTo(pattern(event)).contains("java.lang.IllegalStateException: busy");
    }

    private LoggingEvent event(Level level, String message, Throwable thrown, long millis) {
        LoggingEvent event = new LoggingEvent(
                "x", context.getLogger("io.klinebench.sim.PortSimulator"), level, message, thrown, new Object[] {
                    "/dev/pts/3"
                });
        event.setTimeStamp(millis);
        return event;
    }

    private String line(LoggingEvent event) {
        LogLine layout = new LogLine();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    private String pattern(LoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        layout.start();
        return layout.doLayout(event);
    }
}
