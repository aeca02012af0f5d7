// SPDX-License-Identifier: MIT
// Twin of bench/contracts/ArithLoop.tn: same algorithm, same result.
pragma solidity 0.8.30;

contract ArithLoop {
    uint256 constant K = 0x9e3779b97f4a7c15;

    /// n iterations of acc = ((acc * i) ^ K) + i, wrapping, from acc = 1.
    function loop(uint256 n) external pure returns (uint256 acc) {
        acc = 1;
        unchecked {
            for (uint256 i = 0; i < n; ++i) {
                acc = ((acc * i) ^ K) + i;
            }
        }
    }
}
