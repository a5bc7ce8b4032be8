package io.klinebench.serial;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/** Run in a child JVM by {@link ThreadPriorityTest}: prints the nice values of its threads by kind, before and after. */
public final class PauseWorkProbe {

    private PauseWorkProbe() {}

    public static void main(String[] args) throws IOException {
        System.out.println("before: " + nices());
        ThreadPriority.Outcome outcome = ThreadPriority.raisePauseWork();
        System.out.println("after: " + nices());
        System.out.println("outcome: " + outcome.said());
    }

    private static String nices() throws IOException {
        TreeSet<Integer> compilers = new TreeSet<>();
        TreeSet<Integer> vm = new TreeSet<>();
        int main = Integer.MIN_VALUE;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String name = Files.readString(t.resolve("comm")).strip();
                int nice = ThreadPriority.niceOf(t);
                if (ThreadPriority.isCompiler(name)) {
                    compilers.add(nice);
                } else if (name.equals("VM Thread")) {
                    vm.add(nice);
                } else if (name.equals("java") || name.equals("main")) {
                    main = Math.max(main, nice);
                }
            }
        }
        return "compilers " + join(compilers) + ", vm " + join(vm) + ", main " + main;
    }

    private static String join(TreeSet<Integer> values) {
        return values.stream()
                .map(String::valueOf)
                .reduce((a, b) -> a + "/" + b)
                .orElse("none");
    }
}
