package io.klinebench.fob;

/**
 * The remote's authenticator and the key derivation a receiver uses to learn a remote from
 * its serial number (KeeLoq "normal learning" has the same shape: device key =
 * f(manufacturer key, serial)).
 *
 * <p>This is a simulation stand-in, not KeeLoq and not cryptography: a 64-bit mixing
 * function that makes forged or mis-keyed codes fail the check, which is all the BCM model
 * needs. The rolling-code windows, not the cipher, are what the bench tests.
 */
public final class RollingCodeCipher {

    /** The "manufacturer key" shared by the simulated remotes and receivers. */
    private static final long MANUFACTURER_KEY = 0x4B4C494E45424E43L; // "KLINEBNC"

    private RollingCodeCipher() {}

    /** The device key a receiver derives for a remote it learns. */
    public static long deviceKey(int serial) {
        return mix(MANUFACTURER_KEY ^ (serial & 0x0FFF_FFFFL));
    }

    /** The authenticator of one code. */
    public static int mac(long deviceKey, int serial, int counter, int buttons, boolean lowBattery) {
        long block = ((long) (serial & 0x0FFF_FFFF) << 24)
                ^ ((long) (counter & 0xFFFF) << 8)
                ^ ((long) buttons << 1)
                ^ (lowBattery ? 1 : 0);
        return (int) mix(deviceKey ^ mix(block));
    }

    /** Checks a code against a device key. */
    public static boolean verify(long deviceKey, Transmission.Code code) {
        return mac(deviceKey, code.serial(), code.counter(), code.buttons(), code.lowBattery()) == code.mac();
    }

    // SplitMix64 finaliser: cheap, well mixed, deterministic.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
