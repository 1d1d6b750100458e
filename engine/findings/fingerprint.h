#pragma once
/// A finding's stable fingerprint, from its clause and fact ids only, so the same breach by the
/// same facts has the same fingerprint in every run and every output (SARIF partialFingerprints;
/// the same value as store::Fingerprint of the audit store). Status, messages, paths don't enter.

#include <string>
#include <string_view>

#include "findings/finding.h"

namespace treaty::findings {

/// SHA-256 of `data` as 64 lowercase hex digits (FIPS 180-4).
std::string Sha256Hex(std::string_view data);

/// The first 16 hex digits of Sha256Hex over the clause and the sorted fact ids, each followed
/// by a NUL byte.
std::string Fingerprint(const Finding& f);

}  // namespace treaty::findings
