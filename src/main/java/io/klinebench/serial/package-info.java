/**
 * Transports that move stamped bytes: jSerialComm ports, pty pairs (through JNA), in-band
 * breaks (PARMRK), the pty's baud watch, modem lines. {@link io.klinebench.serial.SerialPipe}
 * is the one a K-line end runs on. Knows nothing of frames or of K-line timing. The only room
 * with jSerialComm and JNA.
 *
 * <p>Uses: time, line. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.serial;
