/**
 * The application layers over the module's diagnostic face: KWP2000's services of the R56
 * CAS ({@link io.klinebench.services.KwpServices}) and DS2's jobs of the R50/R53 body controller
 * ({@link io.klinebench.services.Ds2Services}); security access, data records, identification,
 * IO control and routines shared by both.
 *
 * <p>Uses: time, line, fob, car, kline. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.services;
