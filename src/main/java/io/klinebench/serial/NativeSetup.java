package io.klinebench.serial;

/**
 * What must happen before jSerialComm's first use. jSerialComm extracts its native library
 * at first use; JVMs starting at once with the same extraction id crashed in 3 % of starts
 * (SIGBUS in the loader, measured on the build machine). A unique id per JVM avoids it.
 */
final class NativeSetup {

    static final String APP_ID = "fazecast.jSerialComm.appid";

    private NativeSetup() {}

    /** Sets a per-process jSerialComm id unless the user (or the build) set one. Idempotent. */
    static synchronized void ensureUniqueAppId() {
        if (System.getProperty(APP_ID) == null) {
            System.setProperty(APP_ID, "kline-bench-" + ProcessHandle.current().pid());
        }
    }
}
