package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 9, the owner with "multiple personalities": "When it does work my settings when I
 * turned my car off the last time it worked are saved ... When my fob doesn't work it diverts
 * to the settings that I was running when i last used my car without opening with the fob."
 * Settings are kept per remote (named by serial, "%07X") and applied when that remote unlocks;
 * any other unlock applies the "unidentified" settings.
 */
class KeyMemoryTest {

    private static final String ID_A = "01A2B3C";
    private static final String ID_B = "02B3C4D";

    private static Bench twoRemotes() {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0), KeySpec.remoteKey("B", SERIAL_B, 1));
    }

    @Test
    void settingsAreKeptPerRemoteAndAppliedWhenThatRemoteUnlocks() {
        Bench b = twoRemotes();
        b.perform("press A unlock")
                .after("1s", "setting audio cd")
                .after("1s", "setting ac on")
                .after("1s", "press A lock");
        b.after("1s", "press B unlock").after("1s", "setting audio radio").after("1s", "press B lock");

        b.after("1s", "press A unlock").settle();

        assertThat(b.events(CarEvent.KeyMemoryApplied.class))
                .extracting(CarEvent.KeyMemoryApplied::whose, CarEvent.KeyMemoryApplied::settings)
                .containsExactly(
                        tuple(ID_A, Map.of()), tuple(ID_B, Map.of()), tuple(ID_A, Map.of("audio", "cd", "ac", "on")));
        assertThat(b.car().status().keyMemoryIdentity()).isEqualTo(ID_A);
        assertThat(b.car().status().keyMemorySettings(ID_B)).isEqualTo(Map.of("audio", "radio"));
    }

    @Test
    void consoleUnlockAppliesTheUnidentifiedSettings() {
        Bench b = twoRemotes();
        b.perform("console unlock").after("1s", "setting audio radio").after("1s", "console lock");
        b.after("1s", "press A unlock").after("1s", "setting audio cd").after("1s", "press A lock");
        long unlockAt = b.now() + Rituals.S;

        Rituals.at(b, unlockAt, "console unlock");

        assertThat(Rituals.since(b, CarEvent.KeyMemoryApplied.class, unlockAt))
                .containsExactly(new CarEvent.KeyMemoryApplied(unlockAt, "unidentified", Map.of("audio", "radio")));
        assertThat(b.car().status().keyMemoryIdentity()).isEqualTo("unidentified");
        assertThat(b.car().status().keyMemorySettings(ID_A)).isEqualTo(Map.of("audio", "cd"));
    }

    @Test
    void settingChangedAfterConsoleUnlockIsStoredAsUnidentifiedNotForTheRemote() {
        Bench b = twoRemotes();
        b.perform("press A unlock").after("1s", "setting audio cd").after("1s", "press A lock");

        b.after("1s", "console unlock").after("1s", "setting audio radio");

        assertThat(b.car().status().keyMemorySettings("unidentified")).isEqualTo(Map.of("audio", "radio"));
        assertThat(b.car().status().keyMemorySettings(ID_A)).isEqualTo(Map.of("audio", "cd"));
    }

    @Test
    void whenTheRemoteFailsTheKeyInTheDoorGivesTheUnidentifiedSettings() {
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).counter(40120, 120));
        b.perform("console unlock").after("1s", "setting audio radio").after("1s", "console lock");
        long from = b.now() + Rituals.S;

        Rituals.at(b, from, "press A unlock").after("1s", "door-lock unlock");

        assertThat(Rituals.since(b, CarEvent.KeyMemoryApplied.class, from))
                .extracting(CarEvent.KeyMemoryApplied::whose, CarEvent.KeyMemoryApplied::settings)
                .containsExactly(tuple("unidentified", Map.of("audio", "radio")));
    }
}
