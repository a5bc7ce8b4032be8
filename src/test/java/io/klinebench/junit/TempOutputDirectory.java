package io.klinebench.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;

/** Where the examples' published files go: one folder per test, named after its unique id. */
record TempOutputDirectory(Path root) implements OutputDirectoryCreator {

    @Override
    public Path getRootDirectory() {
        return root;
    }

    @Override
    public Path createOutputDirectory(TestDescriptor test) throws java.io.IOException {
        return Files.createDirectories(
                root.resolve(test.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_")));
    }
}
