package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinebench.car.FaultMemory;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.car.Slot;
import io.klinebench.config.ProfileCatalog;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL (destroyForcibly) at random moments while it saves the state
 * file in a loop: afterwards the file is always one complete state, never a mix or a part.
 * (A kill tests the rename; the fsync that makes it survive a power cut cannot be tested here.)
 */
class StateFileKillIT {

    private static final String PROFILE = "r56-2007-2013";
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWriterKilledMidWriteNeverLeavesAHalfWrittenFile() throws Exception {
        Profile profile = ProfileCatalog.builtIn().load(PROFILE);
        Path file = dir.resolve("bcm.json");
        Random random = new Random(20240611L);
        long lastSeen = -1;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(
                            javaExecutable(),
                            "-cp",
                            classPath(),
                            Writer.class.getName(),
                            file.toString(),
                            Integer.toString(profile.slots()),
                            Long.toString(lastSeen + 1))
                    .redirectError(dir.resolve("writer-" + round + ".err").toFile())
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String first = CompletableFuture.supplyAsync(() -> {
                            try {
                                return out.readLine();
                            } catch (IOException e) {
                                return "read failed: " + e;
                            }
                        })
                        .get(30, TimeUnit.SECONDS);
                assertThat(first)
                        .as("writer started (stderr in writer-%d.err)", round)
                        .isEqualTo("ready");
                Thread.sleep(5 + random.nextInt(150));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(20, TimeUnit.SECONDS))
                        .as("writer killed")
                        .isTrue();
            }

            Nvm left = StateFile.load(file, profile);

            long i = left.security().seedsIssued();
            assertThat(i).as("round %d: the state never goes back", round).isGreaterThan(lastSeen);
            assertThat(left)
                    .as("round %d: one whole state, not a mix", round)
                    .isEqualTo(Writer.state(profile.slots(), i));
            lastSeen = i;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test JVM's class path, plus where the classes the writer needs come from (in case it is a manifest jar). */
    private static String classPath() throws URISyntaxException {
        Set<String> parts = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> c : List.of(
                StateFileKillIT.class, StateFile.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)) {
            parts.add(Path.of(c.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    /** The child: saves state after state, each one self-consistent, until it is killed. */
    public static final class Writer {

        private Writer() {}

        /**
         * Makes each write span many system calls, so that a kill often lands inside one. JSON
         * whitespace inside the object (before "vin"): a file cut anywhere in it or after it is
         * not a whole state.
         */
        private static final String PADDING = " ".repeat(512 * 1024);

        /** State number {@code i}: every slot's counter, every fault's count and the VIN say {@code i}. */
        static Nvm state(int slotCount, long i) {
            List<Nvm.SlotState> slots = new ArrayList<>();
            for (int s = 0; s < slotCount; s++) {
                slots.add(new Nvm.SlotState(s, 0x100000 + s, (int) (i & 0xFFFF), Slot.Sync.IN_SYNC, 0, false));
            }
            List<FaultMemory.Entry> faults = new ArrayList<>();
            for (FaultMemory.Fault f : FaultMemory.Fault.values()) {
                faults.add(new FaultMemory.Entry(f, FaultMemory.Status.STORED, (int) (i % 1_000_000) + 1, i, i, 0));
            }
            return new Nvm(
                    PROFILE,
                    slotCount,
                    slots,
                    true,
                    String.format(Locale.ROOT, "WMW%014d", i % 100_000_000_000_000L),
                    faults,
                    new Nvm.Security(0, false, 0, 0, i));
        }

        private static void save(Nvm state, Path file) throws IOException {
            String json = StateFile.toJson(state).replace("\"vin\"", PADDING + "\"vin\"");
            StateFile.write(json.getBytes(StandardCharsets.UTF_8), file);
        }

        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            int slotCount = Integer.parseInt(args[1]);
            long i = Long.parseLong(args[2]);
            save(state(slotCount, i), file);
            System.out.println("ready");
            System.out.flush();
            while (true) {
                i++;
                save(state(slotCount, i), file);
            }
        }
    }
}
