package io.klinebench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outputs a command writes, checked together before it runs: '-' means stdout (as {@code
 * run --json -} has it), for the outputs that may go there and for one of them at a time; and
 * no two outputs name the same file, where the second written would silently replace the first.
 */
final class OutputFiles {

    /** One output as the command line gave it: its option ("--csv") and its path, null when not asked for. */
    record Output(String option, Path path, boolean mayBeStdout) {}

    private final List<Output> outputs = new ArrayList<>();

    /** An output that may be '-' (stdout). */
    OutputFiles orStdout(String option, Path path) {
        outputs.add(new Output(option, path, true));
        return this;
    }

    /** An output that is always a file. */
    OutputFiles file(String option, Path path) {
        outputs.add(new Output(option, path, false));
        return this;
    }

    /** Whether {@code path} is '-': stdout. */
    static boolean isStdout(Path path) {
        return path != null && path.toString().equals("-");
    }

    /** Why these outputs cannot be written as asked, in words, or empty. */
    Optional<String> clash() {
        List<Output> given = outputs.stream().filter(o -> o.path() != null).toList();
        List<String> toStdout = new ArrayList<>();
        for (Output o : given) {
            if (isStdout(o.path())) {
                if (!o.mayBeStdout()) {
                    List<String> those = outputs.stream()
                            .filter(Output::mayBeStdout)
                            .map(Output::option)
                            .toList();
                    return Optional.of(o.option() + " -: writes a file, not stdout"
                            + (those.isEmpty() ? "" : "; '-' (stdout) is for " + String.join(" or ", those)));
                }
                toStdout.add(o.option());
            }
        }
        if (toStdout.size() > 1) {
            return Optional.of(String.join(" and ", toStdout) + " both name '-': only one output can go to stdout");
        }
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                Output a = given.get(i);
                Output b = given.get(j);
                if (!isStdout(a.path()) && sameFile(a.path(), b.path())) {
                    return Optional.of(a.option() + " and " + b.option() + " both name " + b.path()
                            + ": each output needs a file of its own (the one written last would replace the other)");
                }
            }
        }
        return Optional.empty();
    }

    /** The same path written two ways ("out.json", "./out.json"), or two names of one existing file (a link). */
    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // not readable: the write says why
        }
    }
}
