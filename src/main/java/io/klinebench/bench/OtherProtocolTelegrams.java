package io.klinebench.bench;

import io.klinebench.kline.KwpStarTelegram;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.line.Hex;
import io.klinebench.protocol.CarLines;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.Ds2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the body controller (DS2) dropped on the R50/R53's bridged lines, said as what it was.
 * Bridged, the body controller hears the engine line's KWP2000* telegrams too; read as DS2, a
 * telegram such as {@code 80 13 F1 02 1A 80 FA} is a DS2 telegram to 80 of 0x13 bytes cut off
 * after 7, and an answer with the next request right behind it one of 26. That is the wire
 * working, not anyone's fault: when every byte it dropped reads as whole KWP2000* telegrams,
 * each is said as ignored, with its sender and receiver named. Bytes that do not read so
 * (garbage, a telegram cut short) stay dropped, as the link said.
 */
final class OtherProtocolTelegrams {

    private final Map<Integer, String> names = new HashMap<>();

    private OtherProtocolTelegrams(List<CarLines.LineModule> modules) {
        for (CarLines.LineModule m : modules) {
            names.put(m.address(), String.format("%s (%02X)", m.name(), m.address()));
        }
        names.put(ModuleSearch.TESTER_ADDRESS, String.format("the tester (%02X)", ModuleSearch.TESTER_ADDRESS));
        names.put(KwpStarTelegram.BROADCAST, String.format("every module (%02X)", KwpStarTelegram.BROADCAST));
    }

    /**
     * {@code events} with the body controller's drops of KWP2000* telegrams said as ignored;
     * {@code events} itself when no module of {@code lines} speaks KWP2000* or the body
     * controller does not speak DS2 (nothing to tell apart).
     */
    static Consumer<LinkEvent> explaining(
            CarLines lines, DiagnosticProtocol bodyController, Consumer<LinkEvent> events) {
        List<CarLines.LineModule> modules = new ArrayList<>(lines.pin8());
        modules.addAll(lines.pin7());
        if (!(bodyController instanceof Ds2)
                || modules.stream().noneMatch(m -> m.protocol() == ModuleSearch.Kind.KWP2000_STAR)) {
            return events;
        }
        OtherProtocolTelegrams names = new OtherProtocolTelegrams(modules);
        return e -> {
            if (e instanceof LinkEvent.FrameDropped d) {
                List<KwpStarTelegram> telegrams =
                        KwpStarTelegram.wholeTelegrams(d.hex().toArray());
                if (!telegrams.isEmpty()) {
                    telegrams.forEach(t -> events.accept(names.ignored(d.at(), t)));
                    return;
                }
            }
            events.accept(e);
        };
    }

    private LinkEvent.Ignored ignored(long at, KwpStarTelegram t) {
        return new LinkEvent.Ignored(
                at,
                Hex.of(t.encode()),
                "a KWP2000* telegram from " + name(t.source()) + " to " + name(t.target())
                        + ", heard on the bridged lines: not DS2, not for us");
    }

    private String name(int address) {
        return names.getOrDefault(address, String.format("%02X", address));
    }
}
