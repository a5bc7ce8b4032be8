package io.klinebench.junit;

import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.sim.BenchSetup;
import io.klinebench.sim.SetupLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The car a {@link WithCar} annotation names: its profile, its K-line, its keys. */
record ChosenCar(Profile profile, DiagnosticProfile diagnostics, CarSetup setup) {

    private static final String BUILT_IN_SETUPS = "/bench-config/setups/";

    /**
     * Reads what {@code with} names.
     *
     * @throws ConfigException naming the annotation's attribute and the cause (a profile or
     *     setup that does not exist, a slot the profile does not have...)
     */
    static ChosenCar of(WithCar with) throws ConfigException {
        List<Path> dirs = Arrays.stream(with.profiles()).map(Path::of).toList();
        ProfileCatalog.requireDirectories(dirs, "@WithCar(profiles)");
        ProfileCatalog catalog = ProfileCatalog.searching(dirs);
        if (!with.setup().isEmpty()) {
            BenchSetup s = setup(with.setup(), catalog, with.profile());
            if (!with.profile().isEmpty()
                    && s.profileGiven()
                    && !s.profile().name().equals(with.profile())) {
                throw new ConfigException(
                        "@WithCar",
                        "the setup '" + with.setup() + "' is for " + s.profile().name() + ", the profile given is "
                                + with.profile());
            }
            if (with.remotes().length > 0) {
                throw new ConfigException(
                        "@WithCar", "give the keys either in the setup '" + with.setup() + "' or as remotes, not both");
            }
            return new ChosenCar(s.profile(), s.diagnostics(), s.car());
        }
        String name = with.profile().isEmpty() ? SetupLoader.DEFAULT_PROFILE : with.profile();
        Profile profile;
        DiagnosticProfile diagnostics;
        try {
            profile = catalog.load(name);
            diagnostics = catalog.loadDiagnostics(name);
        } catch (ConfigException e) {
            throw new ConfigException("@WithCar(profile = \"" + name + "\")", e.getMessage());
        }
        List<KeySpec> keys = new ArrayList<>();
        for (Remote r : with.remotes()) {
            keys.add(key(r, profile));
        }
        CarSetup setup = new CarSetup(with.locked(), true, keys);
        return new ChosenCar(profile, diagnostics, setup);
    }

    private static KeySpec key(Remote r, Profile profile) throws ConfigException {
        String where = "@Remote(name = \"" + r.name() + "\")";
        if (r.serial() < 0 || r.serial() > 0xFFFFFF) {
            throw new ConfigException(where, "serial " + r.serial() + " is not 24 bits (0 to 0xFFFFFF)");
        }
        int slots = profile.slots();
        if (r.learned() && (r.slot() < 0 || r.slot() >= slots)) {
            throw new ConfigException(
                    where, "slot " + r.slot() + ": profile " + profile.name() + " has slots 0 to " + (slots - 1));
        }
        KeySpec k = KeySpec.remoteKey(r.name(), r.serial(), r.slot());
        if (!r.learned()) {
            k = k.notLearned();
        }
        return r.outOfSync() ? k.outOfSync() : k;
    }

    private static BenchSetup setup(String setup, ProfileCatalog catalog, String profile) throws ConfigException {
        String fallback = profile.isEmpty() ? SetupLoader.DEFAULT_PROFILE : profile;
        Path file = Path.of(setup);
        if (Files.exists(file)) {
            return SetupLoader.load(file, catalog, fallback);
        }
        InputStream in =
                setup.contains("/") ? null : ChosenCar.class.getResourceAsStream(BUILT_IN_SETUPS + setup + ".yaml");
        if (in == null) {
            throw new ConfigException(
                    "@WithCar(setup = \"" + setup + "\")",
                    "no such file, and no built-in setup of that name; there are "
                            + String.join(", ", ProfileCatalog.builtInYamlNames(BUILT_IN_SETUPS)));
        }
        try (in) {
            return SetupLoader.read(
                    "built-in setups/" + setup + ".yaml",
                    new InputStreamReader(in, StandardCharsets.UTF_8),
                    catalog,
                    fallback);
        } catch (IOException e) {
            throw new ConfigException("built-in setup " + setup, "cannot read: " + e.getMessage());
        }
    }
}
