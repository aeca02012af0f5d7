// SPDX-License-Identifier: MIT
// Twin of bench/contracts/KeccakChain.tn: same algorithm, same result.
pragma solidity 0.8.30;

contract KeccakChain {
    /// h = keccak256(h) n times, from h = 0 (each hash is over the 32 bytes of h).
    /// The hash input goes through the scratch space at memory 0: the idiomatic
    /// `h = keccak256(abi.encode(h))` allocates 64 fresh bytes per iteration, and at
    /// n = 50000 about 70 % of its gas would be memory expansion, not hashing.
    function chain(uint256 n) external pure returns (bytes32 h) {
        for (uint256 i = 0; i < n; ++i) {
            assembly {
                mstore(0, h)
                h := keccak256(0, 32)
            }
        }
    }
}
