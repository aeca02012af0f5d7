#!/usr/bin/env bash
# CLI tests for `tenet compile`: exact stdout, stderr and exit codes of --emit ast, abi,
# layout and selectors; rendered diagnostics (exit 1); bad usage (exit 2); the stdlib
# directory (TENET_STDLIB). Usage: compile_commands.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
cd "$WORK" || exit 1

# compile ARGS…: sets out, err, rc.
compile() {
  "$TENET" compile "$@" > "$WORK/out" 2> "$WORK/err"
  rc=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}

cat > counter.tn <<'TN'
event Stored(who: address indexed, value: u64);

contract Counter {
    pub count: u64;
    owner: address;

    init() { self.owner = msg.sender; }

    pub fn bump(by: u64) {
        self.count += by;
        emit Stored(msg.sender, self.count);
    }
}
TN

# ---- --emit abi: one contract prints its ABI array.
compile counter.tn --emit abi
check "abi exit code" 0 "$rc"
check "abi stderr" "" "$err"
check "abi stdout" '[
  {
    "inputs": [],
    "stateMutability": "nonpayable",
    "type": "constructor"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "who",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint64",
        "name": "value",
        "type": "uint64"
      }
    ],
    "name": "Stored",
    "type": "event"
  },
  {
    "inputs": [
      {
        "internalType": "uint64",
        "name": "by",
        "type": "uint64"
      }
    ],
    "name": "bump",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "count",
    "outputs": [
      {
        "internalType": "uint64",
        "name": "",
        "type": "uint64"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  }
]' "$out"

# ---- --emit layout.
compile counter.tn --emit layout -O0
check "layout exit code" 0 "$rc"
check "layout stdout" '[
  {
    "name": "count",
    "slot": 0,
    "slots": 1,
    "type": "u64"
  },
  {
    "name": "owner",
    "slot": 1,
    "slots": 1,
    "type": "address"
  }
]' "$out"

# ---- --emit selectors (hidden; the ethers cross-check's format). The values are the
# ones ethers.js v6 computes from the --emit abi output above (tests/ethers/check_abi.mjs).
compile counter.tn --emit selectors
check "selectors" 'constructor()
event Stored(address,uint64) 0x27106c10670508fde7db016f5cac5d5348506fad1087541eb81e6f90e8da5235 indexed 0
function bump(uint64) 0x042ef943 nonpayable returns ()
function count() 0x06661abd view returns (uint64)' "$out"

# ---- --emit ast: the tree of the entry file, after checking.
compile counter.tn --emit ast -O1
check "ast exit code" 0 "$rc"
check "ast stdout" 'SourceFile
  Event Stored(who: address indexed, value: u64)
  Contract Counter
    Field pub count: u64
    Field owner: address
    Init ()
      Block
        Assign =
          Member .owner
            Self
          Member .sender
            Name msg
    Function pub bump(by: u64)
      Block
        Assign +=
          Member .count
            Self
          Name by
        Emit Stored
          Member .sender
            Name msg
          Member .count
            Self' "$out"

# ---- Several contracts: an object keyed by contract name; layout leaves interfaces out.
cat > two.tn <<'TN'
interface IPing { fn ping() -> bool; }

contract Pinger {
    pub target: IPing;
    pub payable fn receive() {}
}
TN
compile two.tn --emit abi
check "two contracts abi" '{
  "IPing": [
    {
      "inputs": [],
      "name": "ping",
      "outputs": [
        {
          "internalType": "bool",
          "name": "",
          "type": "bool"
        }
      ],
      "stateMutability": "nonpayable",
      "type": "function"
    }
  ],
  "Pinger": [
    {
      "inputs": [],
      "name": "target",
      "outputs": [
        {
          "internalType": "contract IPing",
          "name": "",
          "type": "address"
        }
      ],
      "stateMutability": "view",
      "type": "function"
    },
    {
      "stateMutability": "payable",
      "type": "receive"
    }
  ]
}' "$out"
compile two.tn --emit selectors
check "two contracts selectors" 'IPing function ping() 0x5c36b186 nonpayable returns (bool)
Pinger function target() 0xd4b83992 view returns (address)
Pinger receive' "$out"
compile two.tn --emit layout
check "two contracts layout" '[
  {
    "name": "target",
    "slot": 0,
    "slots": 1,
    "type": "IPing"
  }
]' "$out"

# ---- A file without contracts.
printf 'fn twice(x: u256) -> u256 { return x * 2; }\n' > lib.tn
compile lib.tn --emit abi
check "no contracts abi" "0 {}" "$rc $out"

# ---- Errors: rendered diagnostics on stderr (no colours off a terminal), exit 1, no stdout.
cat > bad.tn <<'TN'
contract Broken {
    pub count: u64;

    pub view fn bump(by: u64) {
        self.count += by;
        let unused = 1;
    }
}
TN
compile bad.tn --emit abi
check "error exit code" 1 "$rc"
check "error stdout" "" "$out"
check "error stderr" 'bad.tn:5:9: error: view function '"'"'bump'"'"' cannot write storage; remove '"'"'view'"'"' or this statement
        self.count += by;
        ^~~~~~~~~~
bad.tn:6:13: warning: local '"'"'unused'"'"' is never used; remove it or name it '"'"'_unused'"'"'
        let unused = 1;
            ^~~~~~' "$err"

printf 'contract C {\n    fn f() {\n        let x = 1\n    }\n}\n' > syntax.tn
compile syntax.tn --emit ast
check "syntax error" "1|syntax.tn:3:18: error: expected ';' after let statement
        let x = 1
                 ^|" "$rc|$err|$out"

# Colours only on a terminal.
if command -v script >/dev/null 2>&1; then
  coloured=$(script -qec "$TENET compile bad.tn --emit abi" /dev/null | grep -c $'\x1b\\[' || true)
  check "colours on a terminal" "yes" "$([[ $coloured -gt 0 ]] && echo yes || echo no)"
fi

# Warnings alone do not fail the build.
printf 'contract W {\n    pub fn f() {\n        let unused = 1;\n    }\n}\n' > warn.tn
compile warn.tn --emit layout
check "warning only" "0|[]|warn.tn:3:13: warning: local 'unused' is never used; remove it or name it '_unused'
        let unused = 1;
            ^~~~~~" "$rc|$out|$err"

# ---- Bad usage: exit 2.
# (The back-end kinds llvm, llvm-opt, asm, bytecode and gas are tested in build_commands.sh.)
compile counter.tn --contract Nope
check "unknown --contract" "2|error: --contract: no contract 'Nope' in counter.tn (it declares Counter)" "$rc|$err"
compile counter.tn --emit json
check "unknown --emit" "2|error: --emit: unknown output 'json' (expected ast, llvm, llvm-opt, asm, bytecode, abi, layout or gas)" \
  "$rc|$err"
compile counter.tn -O3 --emit abi
check "-O3" "2|-O: Value 3 not in range 0 to 2" "$rc|$(head -n 1 <<<"$err")"
compile
check "missing FILE" "2|FILE is required" "$rc|$(head -n 1 <<<"$err")"
compile missing.tn --emit abi
check "unreadable file" "1|error: cannot read 'missing.tn': No such file or directory" "$rc|$err"

# ---- std/ imports come from the stdlib directory; TENET_STDLIB overrides it.
mkdir -p stdlib/std
printf 'fn triple(x: u256) -> u256 { return x * 3; }\n' > stdlib/std/triple.tn
printf 'import "std/triple.tn";\ncontract T {\n    pub view fn f(x: u256) -> u256 { return triple(x); }\n}\n' > usestd.tn
TENET_STDLIB="$WORK/stdlib" "$TENET" compile usestd.tn --emit selectors > out 2> err
check "TENET_STDLIB" "0|function f(uint256) 0xb3de648b view returns (uint256)|" "$?|$(cat out)|$(cat err)"
TENET_STDLIB="$WORK/nowhere" "$TENET" compile usestd.tn --emit selectors > out 2> err
check "TENET_STDLIB missing file exit code" 1 "$?"

# ---- A test file compiles its test contract in test mode (cheat codes as CHEAT; `new`
# asks the internal expected_revert_taken, 15, when a creation yields no address).
compile "$SRC/tests/programs/token_project/tests/Token.t.tn" --emit bytecode
check "test contract bytecode" "0|0x7f544e|" "$rc|${out:0:8}|$err"
compile "$SRC/tests/programs/token_project/tests/Token.t.tn" --emit asm
check "test contract cheat codes" "0|CHEAT 7 CHEAT 9 CHEAT 10 CHEAT 15" \
  "$rc|$(grep -o 'CHEAT [0-9]*' <<<"$out" | sort -u -k2n | tr '\n' ' ' | sed 's/ $//')"
compile "$SRC/tests/programs/token_project/tests/Token.t.tn" --emit gas
check "test contract gas estimates name the exported test functions" "0|fuzz_transfer(uint256) setup() supply_is_constant() transfer_moves_balance() transfer_too_much_reverts()" \
  "$rc|$(awk '{print $1}' <<<"$out" | tr '\n' ' ' | sed 's/ $//')"

echo "compile commands: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
