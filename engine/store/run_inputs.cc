#include "store/run_inputs.h"

#include <algorithm>
#include <filesystem>

#include "store/digest.h"

namespace treaty::store {

std::vector<std::string> NormalizeRoots(const std::vector<std::string>& roots) {
  std::vector<std::string> out;
  for (const auto& r : roots) {
    std::string p = std::filesystem::path(r).lexically_normal().generic_string();
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    out.push_back(p.empty() ? "." : p);
  }
  return out;
}

void DigestRunInputs(const base::SourceSet& sources,
                     const std::map<std::string, findings::Sha256>& fact_hashes,
                     findings::RunRecord& record) {
  std::vector<DigestInput> policies;
  for (size_t i = 0; i < sources.size(); ++i) {
    const auto& file = sources.Get(static_cast<base::FileId>(i));
    if (file.path().ends_with(".treaty")) {
      policies.push_back(DigestInput{file.path(), file.text()});
    }
  }
  std::sort(policies.begin(), policies.end(),
            [](const DigestInput& a, const DigestInput& b) { return a.path < b.path; });
  std::vector<HashedInput> facts;  // the map keeps path order
  for (const auto& [path, sha] : fact_hashes) facts.push_back({path, sha.HexDigest()});
  record.policy_digest = DigestFiles(policies);
  record.fact_digest = DigestHashedFiles(facts);
}

}  // namespace treaty::store
