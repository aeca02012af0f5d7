#!/usr/bin/env bash
# The medical-records story on a chain node: the health authority (DEV0) deploys the registry
# and registers a doctor (DEV2), an emergency nurse (DEV3) and an auditor (DEV4); a patient
# (DEV1) adds a lab record (only its sealed hash and a CID), the doctor is refused until the patient
# grants access, reads (logged), loses access on revoke; the nurse breaks the glass and reads
# during a pause that refuses new grants, and the patient acknowledges the audit.
# Usage: bash examples/medical-records/scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

PROVIDER_ROLE=0x18d9ff454de989bd126b06bd404b47ede75f9e65543e94e8d212f89d7dcbb87c
EMERGENCY_ROLE=0xbf233dd2aafeb4d50879c4aa5c81e96d92f6e6945c906a58f9f2d1c1631b4b26
AUDITOR_ROLE=0x59a1c48e5837ad7a7f3dcedcbe129bf3249ec4fbf651fd4f5e2600ead39fe2f5
LAB=1                   # Category::Lab
# the sealed hash keccak256(salt ‖ content), computed by the patient's software: the content
# "HbA1c 2026-12-01: 5.4%" and the random salt 0x5a17c0ffee…5a17 travel only inside the
# encrypted blob, so nobody without the key can confirm a guess of the content
SEALED=0xde99488c9fa3279b280e8ba3484e179e6fb684df22cfbbce30e7b2d51bb8cd5c
# the sha2-256 digest of the encrypted blob: the 32 bytes of its IPFS CID
CID=0xc3c4733ec8affd06cf9e9ff50ffc6bcd2ec85a6170004bb709669c31de94391a
INCIDENT=0x00000000000000000000000000000000000000000000000000000000001c1dde
UNTIL=4102444800        # 2100-01-01

scenario_begin

step "the health authority deploys the registry and registers the providers"
deploy MedicalRecords
REG=$ADDR
send "$REG" grantRole "$PROVIDER_ROLE" "$DEV2"
send "$REG" grantRole "$EMERGENCY_ROLE" "$DEV3"
send "$REG" grantRole "$AUDITOR_ROLE" "$DEV4"

step "the patient adds a lab record: a sealed hash and a CID, no health data"
send "$REG" add_record "$DEV1" "$LAB" "$SEALED" "$CID" --from "$DEV1"
RECORD=$(printf '%s\n' "$OUT" | sed -n 's/.*RecordAdded(record: \(0x[0-9a-f]*\),.*/\1/p')
[[ -n "$RECORD" ]] || fail "no record id in the RecordAdded event"

step "the doctor has no grant yet: the read reverts with a decoded custom error"
send_reverts "$REG" access_record "$RECORD" --from "$DEV2"
[[ "$OUT" == *"AccessDenied("* ]] || fail "expected AccessDenied"

step "the patient grants the doctor read access to lab records; the read is logged"
send "$REG" grant_access "$DEV2" "$LAB" "$UNTIL" false --from "$DEV1"
send "$REG" access_record "$RECORD" --from "$DEV2"
[[ "$OUT" == *"RecordAccessed("* ]] || fail "expected a RecordAccessed event"
call "$REG" can_read "$RECORD" "$DEV2"
expect "the doctor may read" "true"

step "the patient revokes the grant: the doctor is refused again"
send "$REG" revoke_access "$DEV2" "$LAB" --from "$DEV1"
send_reverts "$REG" access_record "$RECORD" --from "$DEV2"
[[ "$OUT" == *"AccessDenied("* ]] || fail "expected AccessDenied"

step "the authority pauses the registry: new grants are refused"
send "$REG" pause
send_reverts "$REG" grant_access "$DEV2" "$LAB" "$UNTIL" false --from "$DEV1"
[[ "$OUT" == *"EnforcedPause("* ]] || fail "expected EnforcedPause"

step "the nurse breaks the glass during the pause: a time-limited session and an open audit"
send "$REG" open_emergency "$DEV1" "$INCIDENT" --from "$DEV3"
send "$REG" access_record "$RECORD" --from "$DEV3"
[[ "$OUT" == *"RecordAccessed("* ]] || fail "expected a RecordAccessed event"
call "$REG" open_audits
expect "open audits" "1"

step "the authority unpauses; the doctor cannot review audits; the patient acknowledges"
send "$REG" unpause
send_reverts "$REG" review_emergency 1 true --from "$DEV2"
send "$REG" acknowledge_emergency 1 --from "$DEV1"
call "$REG" open_audits
expect "open audits" "0"
call "$REG" can_read "$RECORD" "$DEV3"
expect "the session ended" "false"

scenario_end
