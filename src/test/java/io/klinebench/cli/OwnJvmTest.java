package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.serial.ThreadPriority;
import io.klinebench.testsupport.JvmThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A command run in someone else's JVM (this test JVM, as every in-process command test runs it)
 * changes nothing JVM-wide: before, the first in-process sim, tester or listener raised the test
 * JVM's collectors to nice -20 for the rest of the suite, and their young collections of a large
 * test heap then held the kernel's pty worker back (a byte delivered 107 ms late beside two busy
 * processes). A JVM started for the command does raise them: {@code ThreadPriorityTest}'s probe.
 */
class OwnJvmTest {

    @Test
    void aTestJvmIsNotTheCommandsOwn() {
        assertThat(OwnJvm.isOurs()).as("only Main.main claims the JVM").isFalse();
        ThreadPriority.Outcome refused = new ThreadPriority.Outcome.Refused("not permitted");
        OwnJvm.Timing timing = OwnJvm.timing(refused, true);
        assertThat(timing.threads()).isSameAs(refused);
        assertThat(timing.workers().said()).contains("at normal priority: not a JVM of its own");
    }

    @Test
    void inSomeoneElsesJvmTheCollectorsAndTheVmThreadStayAsTheyWere() throws Exception {
        int vmBefore = JvmThreads.lowestNice("VM Thread").orElse(0);
        int gcBefore = JvmThreads.lowestNice("GC Thread").orElse(0);
        // from a raised thread, as a simulator's start-up would ask: permitted, so only the
        // JVM's ownership keeps the collectors as they were
        CompletableFuture<ThreadPriority.Outcome> raisedHere = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ThreadPriority.Outcome self = ThreadPriority.raiseCurrentThread();
            OwnJvm.Timing timing = OwnJvm.timing(self, true);
            timing.workers().close();
            raisedHere.complete(timing.threads());
        });
        t.start();
        ThreadPriority.Outcome said = raisedHere.get(10, TimeUnit.SECONDS);
        assumeTrue(said.raised(), "raising needs Linux and root or CAP_SYS_NICE");

        assertThat(JvmThreads.lowestNice("VM Thread").orElse(0))
                .as("the VM thread")
                .isEqualTo(vmBefore);
        assertThat(JvmThreads.lowestNice("GC Thread").orElse(0))
                .as("the collectors")
                .isEqualTo(gcBefore);
    }
}
