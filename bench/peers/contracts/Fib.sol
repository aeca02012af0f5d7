// SPDX-License-Identifier: MIT
// Twin of bench/contracts/Fib.tn: same algorithm, same result.
pragma solidity 0.8.30;

contract Fib {
    /// fib(0) = 0, fib(1) = 1, wrapping modulo 2^256.
    function fib(uint256 n) external pure returns (uint256) {
        uint256 a = 0;
        uint256 b = 1;
        for (uint256 i = 0; i < n; ++i) {
            uint256 next;
            unchecked { next = a + b; }
            a = b;
            b = next;
        }
        return a;
    }
}
