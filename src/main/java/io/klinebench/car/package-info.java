/**
 * The body control module: one single-threaded object on the clock, with its faces kept
 * apart: {@link io.klinebench.car.PhysicalInputs} (what a person does), {@link
 * io.klinebench.car.DiagnosticAccess} (what a tester may do), {@link
 * io.klinebench.car.NonVolatileMemory} (what survives a power loss), {@link
 * io.klinebench.car.ModuleStatus} (what it shows). Inside: ignition cycles, the learn
 * procedure and gesture, the receiver's slots and rolling-code check, key memory, the
 * immobilizer, faults. Every limit it applies is a judged window on a {@link
 * io.klinebench.car.CarEvent}. It never sees bytes.
 *
 * <p>Uses: time, fob. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.car;
