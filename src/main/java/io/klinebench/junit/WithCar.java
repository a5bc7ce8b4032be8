package io.klinebench.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The car a test gets: on a test class or method (the method's wins), it lets the test take a
 * {@link io.klinebench.bench.Bench} (the car in virtual time, exact and instant) or a {@link
 * io.klinebench.sim.VirtualCar} (the car in real time on a virtual serial pair, for a tester
 * under test) as a parameter, fresh for each test:
 *
 * <pre>{@code
 * @WithCar(profile = "r50-r53-2005-2008", remotes = @Remote(name = "A", serial = 0x1A2B3C, outOfSync = true))
 * class RitualTest {
 *     @Test
 *     void fourCyclesTeachTheRemote(Bench bench) { ... }
 * }
 * }</pre>
 *
 * <p>A setup file ({@link #setup()}) gives the keys and lock state instead of {@link
 * #remotes()} and {@link #locked()}. When the test fails, the HTML timeline of each car it used
 * is attached to its report (see {@link KlineBenchExtension}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(KlineBenchExtension.class)
public @interface WithCar {

    /**
     * A profile by name, built in or in {@link #profiles()}: "r50-r53-2002-2004",
     * "r50-r53-2005-2008", "r56-2007-2013". Not given: the setup's profile, else
     * "r50-r53-2005-2008" (the thread's R53).
     */
    String profile() default "";

    /**
     * A bench setup: a built-in one by name ("virtual") or a setup file by path. When given, its
     * keys and lock state are the car's, and its profile when {@link #profile()} is not given
     * (given, it must agree with the setup's).
     */
    String setup() default "";

    /** The keys with remotes; none: a car with no keys. */
    Remote[] remotes() default {};

    /** Whether every door is locked at the start (the thread's car is parked, locked). */
    boolean locked() default true;

    /** Folders searched for profiles before the built-in ones. */
    String[] profiles() default {};

    /**
     * For a {@code VirtualCar} parameter: its timing as {@code kline-bench sim} runs it, its
     * timing threads real-time where permitted (else at nice -20) and the kernel's serial-line
     * workers at nice -20 until the test ends
     * ({@link io.klinebench.sim.VirtualCar.Priority#RAISED}; Linux, root or CAP_SYS_NICE). The workers are the
     * whole machine's, so it is asked, not assumed. What came of it is published as the test's
     * report entry {@code kline-bench timing}, refusal and reason included.
     */
    boolean raised() default false;
}
