package io.klinebench.fob;

import java.util.Objects;

/**
 * A physical key: a blade with an immobilizer transponder and, for a remote key, the remote
 * electronics. A key rebuilt with another key's internals is just a Key whose transponder
 * and remote came from different places.
 *
 * @param id          the bench's name for it ("A")
 * @param transponder the immobilizer transponder's identity
 * @param remote      the remote electronics, or null for a plain (valet) key
 */
public record Key(String id, String transponder, RemoteKey remote) {
    public Key {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transponder, "transponder");
    }

    public boolean hasRemote() {
        return remote != null;
    }
}
