#include "store/digest.h"

#include <fmt/format.h>

#include "findings/fingerprint.h"

namespace treaty::store {

std::string DigestFiles(const std::vector<DigestInput>& files) {
  // Hashing each file on its own keeps the input to the final hash small (no concatenation of
  // every fact file), and the length prefix keeps path boundaries unambiguous.
  std::string lines;
  for (const auto& f : files) {
    lines += fmt::format("{}:{} {}\n", f.path.size(), f.path, findings::Sha256Hex(f.content));
  }
  return findings::Sha256Hex(lines);
}

std::string DigestHashedFiles(const std::vector<HashedInput>& files) {
  std::string lines;
  for (const auto& f : files) lines += fmt::format("{}:{} {}\n", f.path.size(), f.path, f.sha256);
  return findings::Sha256Hex(lines);
}

}  // namespace treaty::store
