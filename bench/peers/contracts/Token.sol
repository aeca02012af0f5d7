// SPDX-License-Identifier: MIT
// Twin of bench/contracts/Token.tn: same algorithm, same result.
pragma solidity 0.8.30;

contract Token {
    event Transfer(address indexed from, address indexed to, uint256 amount);
    error InsufficientBalance(uint256 have, uint256 need);

    uint256 public total_supply;
    mapping(address => uint256) balances;

    /// Gives the whole supply to the deployer.
    constructor(uint256 supply) {
        total_supply = supply;
        balances[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function balanceOf(address who) external view returns (uint256) { return balances[who]; }

    function transfer(address to, uint256 amount) external returns (bool) {
        moveTokens(msg.sender, to, amount);
        return true;
    }

    /// n transfers of `amount` from the caller, to the addresses 1, 2, ..., 16, 1, 2, ...;
    /// returns the caller's balance afterwards.
    function transfer_batch(uint256 n, uint256 amount) external returns (uint256) {
        for (uint256 i = 0; i < n; ++i) {
            moveTokens(msg.sender, address(uint160(i % 16 + 1)), amount);
        }
        return balances[msg.sender];
    }

    function moveTokens(address from, address to, uint256 amount) internal {
        uint256 bal = balances[from];
        if (bal < amount) revert InsufficientBalance(bal, amount);
        balances[from] = bal - amount;
        balances[to] += amount;
        emit Transfer(from, to, amount);
    }
}
