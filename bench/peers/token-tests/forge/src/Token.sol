// SPDX-License-Identifier: MIT
// The Solidity twin of ../../tenet/src/Token.tn: the same functions, events and errors.
pragma solidity ^0.8.30;

event Transfer(address indexed from, address indexed to, uint256 amount);
event Approval(address indexed owner, address indexed spender, uint256 amount);

error InsufficientBalance(uint256 have, uint256 need);
error InsufficientAllowance(uint256 have, uint256 need);

/// A fixed-supply token minted to its deployer.
contract Token {
    string public name;
    string public symbol;
    uint256 public totalSupply;
    mapping(address => uint256) private balances;
    mapping(address => mapping(address => uint256)) private allowances;

    constructor(string memory tokenName, string memory tokenSymbol, uint256 supply) {
        name = tokenName;
        symbol = tokenSymbol;
        totalSupply = supply;
        balances[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function decimals() external pure returns (uint8) { return 18; }

    function balanceOf(address who) external view returns (uint256) { return balances[who]; }

    function allowance(address owner, address spender) external view returns (uint256) {
        return allowances[owner][spender];
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        moveTokens(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowances[from][msg.sender];
        if (allowed < amount) revert InsufficientAllowance(allowed, amount);
        allowances[from][msg.sender] = allowed - amount;
        moveTokens(from, to, amount);
        return true;
    }

    function moveTokens(address from, address to, uint256 amount) private {
        uint256 bal = balances[from];
        if (bal < amount) revert InsufficientBalance(bal, amount);
        balances[from] = bal - amount;
        balances[to] += amount;
        emit Transfer(from, to, amount);
    }
}
