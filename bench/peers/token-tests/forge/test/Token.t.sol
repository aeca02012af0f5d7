// SPDX-License-Identifier: MIT
// The token test suite (../../tenet/tests/Token.t.tn in Solidity): seven unit tests and one
// fuzz test, without forge-std — the cheat codes used are declared here.
pragma solidity ^0.8.30;

import {Token, Transfer, InsufficientBalance, InsufficientAllowance} from "../src/Token.sol";

/// The cheat codes this suite uses (forge's cheat-code contract).
interface Vm {
    function addr(uint256 privateKey) external pure returns (address);
    function prank(address sender) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function assume(bool condition) external pure;
}

contract TokenTest {
    Vm constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    Token token;
    address alice;
    address bob;

    function assertEq(uint256 a, uint256 b) internal pure {
        if (a != b) revert(string.concat("assertion failed: ", toString(a), " != ", toString(b)));
    }

    function toString(uint256 v) internal pure returns (string memory) {
        if (v == 0) return "0";
        bytes memory digits = new bytes(78);
        uint256 n = 78;
        while (v != 0) {
            digits[--n] = bytes1(uint8(48 + v % 10));
            v /= 10;
        }
        bytes memory out = new bytes(78 - n);
        for (uint256 i = 0; i < out.length; ++i) out[i] = digits[n + i];
        return string(out);
    }

    function setUp() public {
        alice = vm.addr(1);
        bob = vm.addr(2);
        token = new Token("Tenet", "TNT", 1000);
    }

    function test_transfer_moves_balance() public {
        token.transfer(alice, 10);
        assertEq(token.balanceOf(alice), 10);
        assertEq(token.balanceOf(address(this)), 990);
    }

    function test_transfer_too_much_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(InsufficientBalance.selector, 1000, 1001));
        token.transfer(alice, 1001);
    }

    function test_approve_sets_allowance() public {
        token.approve(alice, 300);
        assertEq(token.allowance(address(this), alice), 300);
    }

    function test_transfer_from_uses_allowance() public {
        token.approve(alice, 300);
        vm.prank(alice);
        token.transferFrom(address(this), bob, 120);
        assertEq(token.balanceOf(bob), 120);
        assertEq(token.allowance(address(this), alice), 180);
    }

    function test_transfer_from_over_allowance_reverts() public {
        token.approve(alice, 100);
        vm.expectRevert(abi.encodeWithSelector(InsufficientAllowance.selector, 100, 101));
        vm.prank(alice);
        token.transferFrom(address(this), bob, 101);
    }

    function test_transfer_emits_event() public {
        vm.expectEmit(true, true, true, true);
        emit Transfer(address(this), alice, 25);
        token.transfer(alice, 25);
    }

    function test_zero_transfer_keeps_supply() public {
        token.transfer(alice, 0);
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.balanceOf(address(this)), 1000);
        assertEq(token.totalSupply(), 1000);
    }

    function test_fuzz_transfer(uint256 amount) public {
        vm.assume(amount <= 1000);
        token.transfer(alice, amount);
        assertEq(token.balanceOf(alice), amount);
        assertEq(token.balanceOf(address(this)), 1000 - amount);
    }
}
