package io.klinebench.dcan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The junction box (JBE) of the R56 as the diagnostic gateway: it takes D-CAN frames addressed
 * (first data byte) to a module behind it and hands them on; the module's frames come back the
 * same way. A frame for an address it does not route is not answered, and that is said with
 * the reason. Routing is immediate here (assumption: a real gateway adds its own latency, which
 * no public source gives).
 */
public final class JbeGateway {

    private final Map<Integer, Routed> routes = new LinkedHashMap<>();
    /** Modules without power, and how many frames came for each meanwhile (not handed on). */
    private final Map<Integer, Integer> unpowered = new HashMap<>();

    private final IsoTpNode.Listener problems;

    private record Routed(String name, IsoTpNode node) {}

    /** On {@code bus}; what it does not route goes to {@code problems}. */
    public JbeGateway(VirtualCanBus bus, IsoTpNode.Listener problems) {
        this.problems = problems;
        bus.listen(this::hear);
    }

    /** Routes frames for {@code module}'s address to it. */
    public JbeGateway route(String name, IsoTpNode module) {
        routes.put(module.address(), new Routed(name, module));
        return this;
    }

    /** The module at {@code address} loses power: frames for it are no longer handed on (counted). */
    public void powerOff(int address) {
        unpowered.put(address, 0);
    }

    /** The module at {@code address} has power again; returns how many frames came for it meanwhile. */
    public int powerOn(int address) {
        Integer missed = unpowered.remove(address);
        return missed == null ? 0 : missed;
    }

    private void hear(CanTraceEntry e) {
        if ((e.frame().id() & 0x700) != 0x600
                || routes.containsKey(e.sender())
                || e.frame().length() < 2) {
            return;
        }
        int target = e.frame().at(0);
        Routed r = routes.get(target);
        if (r != null && unpowered.containsKey(target)) {
            // a module without power acknowledges nothing and hears nothing; said when it is back
            unpowered.merge(target, 1, Integer::sum);
            return;
        }
        if (r != null) {
            r.node().hear(e);
            return;
        }
        int type = e.frame().at(1) >> 4;
        if (type == 0 || type == 1) {
            problems.problem(
                    e.at(),
                    String.format("a message to %02X", target),
                    String.format("no module at %02X behind the JBE; it routes %s", target, routed()));
        }
    }

    private String routed() {
        return routes.entrySet().stream()
                .map(en -> String.format("%02X (%s)", en.getKey(), en.getValue().name()))
                .collect(Collectors.joining(", "));
    }
}
