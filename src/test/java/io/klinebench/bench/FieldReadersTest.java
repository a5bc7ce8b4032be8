package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Event;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A field read straight from its event is the value {@link EventFields#of} puts under its
 * name: for every field of every event of every shipped sequence's run (car, remote and
 * K-line events, with remote names the bench knows and serials it does not).
 */
class FieldReadersTest {

    @Test
    void everyFieldOfEveryShippedRunReadsAsTheMapHasIt() throws Exception {
        int read = 0;
        for (Path file : SequenceFilesTest.shippedSequences().toList()) {
            Sequence seq = new SequenceLoader(ProfileCatalog.searching(
                            ProfileCatalog.besideSequence(file).stream().toList()))
                    .load(file);
            Rig rig = SequenceRunner.run(seq).rig();
            IntFunction<String> names = s -> rig.remoteName(s).orElse(null);
            for (Event e : rig.timeline().events()) {
                Map<String, Object> fields = EventFields.of(e, names);
                for (String name : EventFields.fieldNames(e.getClass())) {
                    FieldReaders.Reader reader = FieldReaders.of(e, name);
                    if (reader == null) {
                        continue; // read from the map
                    }
                    Object v = reader.read(e, names);
                    if (v != FieldReaders.UNREADABLE) {
                        assertThat(v).as("%s of %s in %s", name, e, file).isEqualTo(fields.get(name));
                        read++;
                    }
                }
            }
        }
        assertThat(read).as("fields read straight").isGreaterThan(1000);
    }

    @Test
    void aRemoteNameTheBenchDoesNotKnowLeavesTheFieldAbsent() {
        Event e = new io.klinebench.car.CarEvent.RemoteLearned(0, 0x123456, 1, false);
        assertThat(FieldReaders.of(e, "remote").read(e, s -> null)).isNull();
        assertThat(FieldReaders.of(e, "remote").read(e, s -> "A")).isEqualTo("A");
        assertThat(FieldReaders.of(e, "serial").read(e, s -> null)).isEqualTo("0123456");
        assertThat(EventFields.of(e, s -> null)).doesNotContainKey("remote");
    }
}
