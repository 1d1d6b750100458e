#pragma once
/// Test support for the facts layer: a small checked portfolio built in code (the vocabulary of
/// LANGUAGE.md §2, trimmed) and an in-memory FileSystem. Shared by the unit tests, the fuzz
/// target and the benchmark; header-only.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "check/model.h"
#include "facts/loader.h"
#include "report/diagnostic_text.h"
#include "support/model_builders.h"

namespace treaty::facts::testing {

using treaty::testing::MakeField;
using treaty::testing::MakeTaxonomy;

/// taxonomies: cloud(0), region(1), api(2); kinds: deployment(0, active from start until end),
/// deal(1, active at announce), contact(2, timeless).
inline check::Portfolio SamplePortfolio() {
  using check::BaseType;
  using check::Shape;
  check::Portfolio p;
  p.taxonomies.push_back(
      MakeTaxonomy("cloud", {{"Azure", ""}, {"AWS", ""}, {"Google", ""}, {"Oracle", ""}}));
  p.taxonomies.push_back(MakeTaxonomy("region", {{"na", ""},
                                                 {"us", "na"},
                                                 {"ca", "na"},
                                                 {"emea", ""},
                                                 {"eu", "emea"},
                                                 {"uk", "emea"},
                                                 {"apac", ""},
                                                 {"jp", "apac"},
                                                 {"india", "apac"},
                                                 {"au", "apac"}}));
  p.taxonomies.push_back(MakeTaxonomy("api", {{"stateless", ""}, {"product", ""}}));

  check::Kind dep;
  dep.name = "deployment";
  dep.fields = {MakeField("provider", BaseType::kText),
                MakeField("model", BaseType::kText),
                MakeField("cloud", BaseType::kMember, Shape::kScalar, 0),
                MakeField("api", BaseType::kMember, Shape::kScalar, 2),
                MakeField("regions", BaseType::kMember, Shape::kList, 1),
                MakeField("start", BaseType::kDate),
                MakeField("end", BaseType::kDate, Shape::kScalar, check::kNoId, true),
                MakeField("price_per_mtok", BaseType::kNumber, Shape::kScalar, check::kNoId, true)};
  dep.active_from = 5;
  dep.active_until = 6;
  p.kinds.push_back(dep);

  check::Kind deal;
  deal.name = "deal";
  deal.fields = {MakeField("type", BaseType::kText),
                 MakeField("partners", BaseType::kMember, Shape::kList, 0),
                 MakeField("announce", BaseType::kDate),
                 MakeField("notices", BaseType::kDate, Shape::kMap, check::kNoId, true),
                 MakeField("signed", BaseType::kBool, Shape::kScalar, check::kNoId, true),
                 MakeField("budgets", BaseType::kNumber, Shape::kMap, check::kNoId, true)};
  deal.active_from = 2;
  deal.instant = true;
  p.kinds.push_back(deal);

  check::Kind contact;
  contact.name = "contact";
  contact.fields = {MakeField("email", BaseType::kText),
                    MakeField("tags", BaseType::kText, Shape::kList, check::kNoId, true)};
  p.kinds.push_back(contact);
  return p;
}

/// Files in memory; directories are implied by the paths ("a/b.yaml" is in "a").
class MemoryFileSystem final : public base::FileSystem {
 public:
  std::map<std::string, std::string> files;

  base::Result<std::string> ReadFile(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) return base::Status::NotFound("no such file");
    return it->second;
  }
  base::FileListing ListFiles(const std::string& path,
                              const std::vector<std::string>& extensions) const override {
    base::FileListing out;
    if (files.count(path)) {
      out.files.push_back(path);
      return out;
    }
    const std::string prefix = path + "/";
    for (const auto& [name, text] : files) {
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      for (const auto& ext : extensions) {
        if (name.size() >= ext.size() &&
            name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
          out.files.push_back(name);  // std::map keeps byte order
          break;
        }
      }
    }
    if (out.files.empty()) out.problems.push_back({path, "no such file or directory"});
    return out;
  }
};

/// The outcome of loading in-memory files against the sample portfolio.
struct Loaded {
  FactSet set;
  base::SourceSet sources;
  std::vector<base::Diagnostic> diagnostics;  // sorted
  /// Every diagnostic rendered as text, each followed by a blank line ("" when none).
  std::string Rendered() const {
    std::string out;
    for (const auto& d : diagnostics) out += report::RenderDiagnostic(d, sources) + "\n";
    return out;
  }
};

inline Loaded LoadInMemory(const std::map<std::string, std::string>& files,
                           const std::vector<std::string>& paths,
                           const check::Portfolio& portfolio = SamplePortfolio()) {
  MemoryFileSystem fs;
  fs.files = files;
  Loaded out;
  base::DiagnosticEngine diags;
  out.set = LoadFacts(paths, portfolio, fs, out.sources, diags);
  out.diagnostics = diags.Sorted();
  return out;
}

}  // namespace treaty::facts::testing
