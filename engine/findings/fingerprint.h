#pragma once
/// A finding's stable fingerprint, from its clause and fact ids only, so the same breach by the
/// same facts has the same fingerprint in every run and every output (SARIF partialFingerprints;
/// the same value as store::Fingerprint of the audit store). Status, messages, paths don't enter.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "findings/finding.h"

namespace treaty::findings {

/// SHA-256 of `data` as 64 lowercase hex digits (FIPS 180-4).
std::string Sha256Hex(std::string_view data);

/// SHA-256 of data given in pieces (a file read a window at a time): HexDigest() after any
/// Updates equals Sha256Hex of their concatenation.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  std::string HexDigest() const;

 private:
  std::array<uint32_t, 8> state_;
  std::array<unsigned char, 64> block_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

/// The first 16 hex digits of Sha256Hex over the clause and the sorted fact ids, each followed
/// by a NUL byte.
std::string Fingerprint(const Finding& f);

}  // namespace treaty::findings
