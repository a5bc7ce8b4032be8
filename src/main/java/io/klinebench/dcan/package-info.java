/**
 * D-CAN, the diagnostic CAN of BMW and MINI cars from 03/2007 (the R56), as a K+DCAN cable
 * presents it and as the bus carries it: BMW-FAST telegrams on the cable's serial side
 * ({@link io.klinebench.dcan.BmwFastTelegram}, {@link io.klinebench.dcan.BmwFastDecoder}), ISO
 * 15765-2 (ISO-TP) with extended addressing on CAN ({@link io.klinebench.dcan.IsoTpFrame}, the
 * pure {@link io.klinebench.dcan.IsoTpSender} and {@link io.klinebench.dcan.IsoTpReceiver}),
 * CAN frame durations ({@link io.klinebench.dcan.CanBitTiming}) and the ISO-TP timers judged
 * like P1-P4 ({@link io.klinebench.dcan.IsoTpTimingCheck}), a CAN bus in virtual time, the
 * cable, and the junction box (JBE) that routes by target address to the modules behind it.
 * And CAN itself through an slcan adapter ({@link io.klinebench.dcan.Slcan}, {@link
 * io.klinebench.dcan.SlcanPort}): the car's end of a real bus ({@link
 * io.klinebench.dcan.SlcanEcuLink}), a tester on it ({@link io.klinebench.dcan.SlcanTester}).
 * A SocketCAN interface is a {@link io.klinebench.dcan.CanSocket} ({@link
 * io.klinebench.dcan.SocketCan}, by JavaCAN, which nothing outside this room sees).
 * Faults made on purpose on this path (firmware-notes/dcan.md, "Faults on D-CAN") are made
 * where they happen: in the CAN frames by {@link io.klinebench.dcan.IsoTpNode}, in the answer
 * and the module's power by {@link io.klinebench.dcan.DCanEcuLink}; the tester
 * ({@link io.klinebench.dcan.DCanTester}) gives up and sends again as EDIABAS does.
 *
 * <p>Uses: time, line, kline (the frame decoder base, link events, violations); JavaCAN
 * (tel.schich.javacan) in SocketCan and JavaCanFrames only. See the house
 * plan in {@code arch/LayeringTest}.
 */
package io.klinebench.dcan;
