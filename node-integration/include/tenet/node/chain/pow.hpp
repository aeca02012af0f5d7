#pragma once
/// \file
/// Proof of work: a header is sealed when keccak256(RLP(header)) × difficulty ≤ 2^256 (that
/// is, hash ≤ ⌊2^256 / difficulty⌋), the 8-byte nonce searched from 0.

#include "tenet/node/chain/header.hpp"

namespace tenet::node {

/// Whether `hash` meets `difficulty` (difficulty 0 is treated as 1).
bool meets_difficulty(const Hash256& hash, const Word& difficulty);
/// Searches header.nonce from 0 until header_hash(header) meets header.difficulty.
void seal(Header& header);

}  // namespace tenet::node
