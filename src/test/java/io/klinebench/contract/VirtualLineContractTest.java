package io.klinebench.contract;

/**
 * The transport contract on the bench's in-memory K-line, in virtual time: every instant exact
 * (U = 0), so every timing assertion of the contract is an equality or the standard's own window.
 */
class VirtualLineContractTest extends TransportContract {

    @Override
    protected Transport open(String profile) throws Exception {
        return new VirtualLineTransport(profile);
    }
}
