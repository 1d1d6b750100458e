#pragma once
/// The digest of a set of input files (a run's policies, or its facts), recorded with each run
/// so two runs can be told to have read the same inputs. A pure function of paths and bytes;
/// finding fingerprints are findings::Fingerprint.

#include <string>
#include <string_view>
#include <vector>

namespace treaty::store {

struct DigestInput {
  std::string_view path;
  std::string_view content;
};

/// SHA-256 over one line per file, `<path length>:<path> <SHA-256 of the content>\n`, in the
/// order given (callers pass files in path order). 64 lowercase hex digits.
std::string DigestFiles(const std::vector<DigestInput>& files);

/// The same digest from each file's path and the SHA-256 of its content (64 hex digits), for
/// files that were hashed as they streamed past (findings::Sha256).
struct HashedInput {
  std::string path;
  std::string sha256;
};
std::string DigestHashedFiles(const std::vector<HashedInput>& files);

}  // namespace treaty::store
