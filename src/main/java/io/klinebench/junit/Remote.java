package io.klinebench.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key with a remote, as {@link WithCar#remotes()} gives the car: {@code @Remote(name = "A",
 * serial = 0x1A2B3C, slot = 0)}. The words are a setup file's ({@code keys: A: {remote:
 * 0x1A2B3C, slot: 0}}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Remote {

    /** The key's name in actions ("insert A", "press A lock"). */
    String name();

    /** The remote's serial number (24 bits). */
    int serial();

    /** The receiver slot it is learned in; ignored when {@link #learned()} is false. */
    int slot() default 0;

    /** False: a remote the car has never learned (a new one, to be taught by the ritual). */
    boolean learned() default true;

    /** True: the remote's rolling code is far ahead of the car's (the thread's dead fob). */
    boolean outOfSync() default false;
}
