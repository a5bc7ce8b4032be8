package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which threads are raised, and that a raise never reaches the compilers. */
class ThreadPriorityTest {

    @Test
    void aThreadRaisesItselfAndNoOther() throws Exception {
        int before = ThreadPriority.niceOfCurrentThread();
        CompletableFuture<ThreadPriority.Outcome> raised = new CompletableFuture<>();
        CompletableFuture<Integer> niceAfter = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            raised.complete(ThreadPriority.raiseCurrentThread());
            niceAfter.complete(ThreadPriority.niceOfCurrentThread());
        });
        t.start();
        assumeTrue(
                raised.get(10, TimeUnit.SECONDS) instanceof ThreadPriority.Outcome.Raised,
                "raising needs Linux and root or CAP_SYS_NICE");
        assertThat(niceAfter.get(10, TimeUnit.SECONDS)).isEqualTo(ThreadPriority.NICE);
        assertThat(ThreadPriority.niceOfCurrentThread()).isEqualTo(before);
    }

    @Test
    void theJvmsPauseWorkIsTheVmThreadAndTheCollectorsNotTheCompilers() {
        assertThat(ThreadPriority.isPauseWork("VM Thread")).isTrue();
        assertThat(ThreadPriority.isPauseWork("GC Thread#0")).isTrue();
        assertThat(ThreadPriority.isPauseWork("G1 Conc#0"))
                .as("concurrent marking stops nothing")
                .isFalse();
        assertThat(ThreadPriority.isPauseWork("G1 Refine#0")).isFalse();
        assertThat(ThreadPriority.isPauseWork("G1 Service")).isFalse();
        assertThat(ThreadPriority.isPauseWork("C2 CompilerThre")).isFalse();
        assertThat(ThreadPriority.isPauseWork("main")).isFalse();
        assertThat(ThreadPriority.isCompiler("C1 CompilerThre")).isTrue();
    }

    /**
     * A JVM started by a raised thread inherits nice -20 for all its threads; raising its pause
     * work puts its compilers back to normal, raises its VM thread, and leaves its main thread.
     */
    @Test
    void aJvmStartedByARaisedThreadHasItsCompilersPutBackToNormal() throws Exception {
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread launcher = new Thread(() -> {
            if (!(ThreadPriority.raiseCurrentThread() instanceof ThreadPriority.Outcome.Raised)) {
                out.complete("not permitted");
                return;
            }
            try {
                String java = ProcessHandle.current().info().command().orElse("java");
                Process p = new ProcessBuilder(
                                java, "-cp", System.getProperty("java.class.path"), PauseWorkProbe.class.getName())
                        .redirectErrorStream(true)
                        .start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                p.waitFor(30, TimeUnit.SECONDS);
                out.complete(text);
            } catch (Exception e) {
                out.completeExceptionally(e);
            }
        });
        launcher.start();
        String said = out.get(60, TimeUnit.SECONDS);
        assumeTrue(!said.equals("not permitted"), "raising needs Linux and root or CAP_SYS_NICE");
        assertThat(said)
                .contains("before: compilers -20, vm -20, main -20")
                .contains("after: compilers 0, vm -20, main -20")
                .contains("outcome: running at nice -20");
    }
}
