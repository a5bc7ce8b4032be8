package io.klinebench.bench;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;

/**
 * A record component's accessor as a plain function, for {@link FieldReaders}: a sweep reads an
 * event's fields at every point, and {@code Method.invoke} (its access check, its delegating and
 * boxing accessor) was a twentieth of a warm point. A public accessor of a public record becomes
 * a generated class that calls it directly, as a method reference would ({@link
 * LambdaMetafactory}); any other (a record nested in a class that is not public) goes through a
 * method handle, still without {@code Method.invoke}'s checks.
 */
final class ComponentAccessor {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private ComponentAccessor() {}

    /**
     * The function that returns {@code accessor}'s value (boxed) for a record of its class. Made
     * once per field of an event type ({@link FieldReaders} keeps them per class), so not kept
     * here: a cache shared by a sweep's threads would need a lock or java.util.concurrent, which
     * the bench room does not take (arch/LayeringTest).
     */
    static Function<Object, Object> of(Method accessor) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle handle = lookup.unreflect(accessor);
            if (publiclyReachable(accessor)) {
                Class<?> returned =
                        MethodType.methodType(accessor.getReturnType()).wrap().returnType();
                CallSite site = LambdaMetafactory.metafactory(
                        lookup,
                        "apply",
                        MethodType.methodType(Function.class),
                        GETTER,
                        handle,
                        MethodType.methodType(returned, accessor.getDeclaringClass()));
                @SuppressWarnings("unchecked")
                Function<Object, Object> f =
                        (Function<Object, Object>) site.getTarget().invoke();
                return f;
            }
            MethodHandle generic = handle.asType(GETTER);
            return record -> {
                try {
                    return generic.invokeExact(record);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read " + accessor, e);
                }
            };
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a reader of " + accessor, e);
        }
    }

    /**
     * Whether a class outside the record's package may call the accessor directly: the method
     * public, its class and every class around it public. The generated class lives in this
     * package and calls the accessor as plain code would, so anything less fails at the call.
     */
    private static boolean publiclyReachable(Method accessor) {
        if (!Modifier.isPublic(accessor.getModifiers())) {
            return false;
        }
        for (Class<?> c = accessor.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
