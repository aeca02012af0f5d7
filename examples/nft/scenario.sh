#!/usr/bin/env bash
# The nft example's story on a node: the owner deploys a capped collection with a 5 %
# royalty, airdrops two tokens, opens the public sale; a collector mints two at the price,
# a short payment is refused (decoded custom error), tokens move with both safeTransferFrom
# overloads and an operator, a stranger's transfer is refused, and the owner withdraws.
# Usage: bash examples/nft/scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

scenario_begin

step "The owner (DEV0) deploys: max supply 5, price 0.01 ether, 5 % royalty to DEV3"
deploy Collection '"Tenet Cats"' TCAT ipfs://cats/ 5 10000000000000000 $DEV3 500
NFT=$ADDR
call $NFT "supportsInterface(bytes4)(bool)" 0x80ac58cd
expect "ERC-721 supported" "true"
call $NFT "supportsInterface(bytes4)(bool)" 0x2a55205a
expect "ERC-2981 supported" "true"

step "The owner airdrops tokens 1 and 2 to DEV1"
send $NFT "owner_mint(address,uint256)" $DEV1 2
call $NFT "ownerOf(uint256)(address)" 2
expect "owner of 2" "${DEV1,,}"

step "The public sale is closed: DEV2's mint is refused"
send_reverts $NFT "mint(uint256)" 1 --from $DEV2 --value 0.01ether

step "The owner opens the sale; DEV2 pays too little, then mints two at the price"
send $NFT "set_public_mint(bool)" true
send_reverts $NFT "mint(uint256)" 2 --from $DEV2 --value 0.01ether
send $NFT "mint(uint256)" 2 --from $DEV2 --value 0.02ether
call $NFT "balanceOf(address)(uint256)" $DEV2
expect "DEV2's balance" "2"
call $NFT "tokenURI(uint256)(string)" 3
expect "token URI" "ipfs://cats/3.json"

step "Only one token is left: minting two passes the cap"
send_reverts $NFT "mint(uint256)" 2 --from $DEV2 --value 0.02ether

step "DEV1 sends token 1 to DEV2 (safeTransferFrom without data)"
send $NFT "safeTransferFrom(address,address,uint256)" $DEV1 $DEV2 1 --from $DEV1

step "DEV2 makes DEV4 an operator; DEV4 moves token 3 to DEV1 (safeTransferFrom with data)"
send $NFT "setApprovalForAll(address,bool)" $DEV4 true --from $DEV2
send $NFT "safeTransferFrom(address,address,uint256,bytes)" $DEV2 $DEV1 3 0xc0ffee --from $DEV4
call $NFT "ownerOf(uint256)(address)" 3
expect "owner of 3" "${DEV1,,}"

step "A stranger (DEV5) cannot take token 2"
send_reverts $NFT "transferFrom(address,address,uint256)" $DEV1 $DEV5 2 --from $DEV5

step "Royalty on a 2 ether sale: 5 % to DEV3"
call $NFT "royaltyInfo(uint256,uint256)(address,uint256)" 1 2000000000000000000
expect "royalty" "${DEV3,,}
100000000000000000"

step "Only the owner withdraws the proceeds (0.02 ether) to its treasury DEV6"
send_reverts $NFT "withdraw(address)" $DEV5 --from $DEV5
send $NFT "withdraw(address)" $DEV6

scenario_end
