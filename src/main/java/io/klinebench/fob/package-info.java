/**
 * The remotes: serial number, rolling counter and cipher, buttons held and released, the
 * coin cell or rechargeable battery; a key is a transponder plus an optional remote.
 *
 * <p>Uses: time. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.fob;
