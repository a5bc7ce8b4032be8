package io.klinebench.junit;

import io.klinebench.bench.BuiltInSequences;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.config.ProfileCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.PreconditionViolationException;

/** The cases a {@link SequenceSource} names: each sequence, times each seed. */
final class SequenceCases extends AnnotationBasedArgumentsProvider<SequenceSource> {

    @Override
    protected Stream<? extends Arguments> provideArguments(
            ParameterDeclarations parameters, ExtensionContext context, SequenceSource source) {
        List<SequenceCase> sequences = new ArrayList<>();
        for (String name : builtIns(source.value())) {
            sequences.add(new SequenceCase(
                    name,
                    OptionalLong.empty(),
                    seed -> BuiltInSequences.load(name, seeded(new SequenceLoader(ProfileCatalog.builtIn()), seed))));
        }
        List<Path> files = new ArrayList<>();
        for (String f : source.files()) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                throw new PreconditionViolationException("@SequenceSource(files): " + f + " is not a file (from "
                        + Path.of("").toAbsolutePath() + ")");
            }
            files.add(p);
        }
        if (!source.folder().isEmpty()) {
            files.addAll(folder(source.folder()));
        }
        for (Path file : files) {
            sequences.add(new SequenceCase(file.toString(), OptionalLong.empty(), seed -> {
                ProfileCatalog profiles = ProfileCatalog.searching(
                        ProfileCatalog.besideSequence(file).stream().toList());
                return seeded(new SequenceLoader(profiles), seed).load(file);
            }));
        }
        if (sequences.isEmpty()) {
            throw new PreconditionViolationException(
                    "@SequenceSource names no sequence: give built-in names, files or a folder");
        }
        if (source.seeds().length == 0) {
            return sequences.stream().map(c -> Arguments.argumentSet(c.toString(), c));
        }
        List<SequenceCase> cases = new ArrayList<>();
        for (SequenceCase s : sequences) {
            for (long seed : source.seeds()) {
                cases.add(new SequenceCase(s.name(), OptionalLong.of(seed), s.loading()));
            }
        }
        return cases.stream().map(c -> Arguments.argumentSet(c.toString(), c));
    }

    private static SequenceLoader seeded(SequenceLoader loader, OptionalLong seed) {
        return seed.isPresent() ? loader.withSeed(seed.getAsLong()) : loader;
    }

    private static Set<String> builtIns(String[] names) {
        Set<String> out = new LinkedHashSet<>();
        List<String> known = BuiltInSequences.names();
        for (String n : names) {
            if (n.equals("*")) {
                out.addAll(known);
            } else if (known.contains(n)) {
                out.add(n);
            } else {
                throw new PreconditionViolationException(
                        "@SequenceSource: no built-in sequence '" + n + "'; there are " + String.join(", ", known));
            }
        }
        return out;
    }

    private static List<Path> folder(String folder) {
        Path dir = Path.of(folder);
        if (!Files.isDirectory(dir)) {
            throw new PreconditionViolationException("@SequenceSource(folder): " + folder + " is not a folder (from "
                    + Path.of("").toAbsolutePath() + ")");
        }
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> yaml = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (yaml.isEmpty()) {
                throw new PreconditionViolationException(
                        "@SequenceSource(folder): " + folder + " has no sequence files (*.yaml)");
            }
            return yaml;
        } catch (IOException e) {
            throw new PreconditionViolationException(
                    "@SequenceSource(folder): cannot list " + folder + ": " + e.getMessage());
        }
    }
}
