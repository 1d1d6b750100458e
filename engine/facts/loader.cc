#include "facts/loader.h"

#include <limits>
#include <unordered_set>

#include "base/diagnostic.h"
#include "facts/jsonl_loader.h"
#include "facts/validator.h"
#include "facts/yaml_loader.h"

namespace treaty::facts {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

FactSet LoadFacts(const std::vector<std::string>& paths, const check::Portfolio& portfolio,
                  const base::FileSystem& fs, base::SourceSet& sources,
                  base::DiagnosticEngine& diags, const LoadOptions& options) {
  FactSet set;
  set.files = StreamFacts(
      paths, portfolio, fs, sources, diags, SIZE_MAX,
      [&set](FactSet&& all) { set.facts = std::move(all.facts); }, options);
  return set;
}

size_t StreamFacts(const std::vector<std::string>& paths, const check::Portfolio& portfolio,
                   const base::FileSystem& fs, base::SourceSet& sources,
                   base::DiagnosticEngine& diags, size_t batch,
                   const std::function<void(FactSet&&)>& consume, const LoadOptions& options) {
  FactSet set;
  size_t files_read = 0;
  Validator validator(portfolio, diags, set, batch, consume);
  std::unordered_set<std::string> read;
  for (const std::string& root : paths) {
    const base::FileListing listed = fs.ListFiles(root, options.extensions);
    for (const base::PathProblem& problem : listed.problems) {
      diags.Add(
          base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, problem.path, problem.message));
    }
    for (const std::string& path : listed.files) {
      if (!read.insert(path).second) continue;
      auto text = fs.ReadFile(path);
      if (!text.ok()) {
        diags.Add(base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, path,
                                       text.status().message()));
        continue;
      }
      if (text.value().size() >= std::numeric_limits<uint32_t>::max()) {
        diags.Add(base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, path,
                                       "the file is larger than 4 GiB"));
        continue;
      }
      const base::FileId id = sources.Add(path, std::move(text.value()));
      const base::SourceFile& file = sources.Get(id);
      ++files_read;
      if (EndsWith(path, ".jsonl")) {
        LoadJsonl(file, validator, diags, options.max_nesting);
      } else {
        LoadYaml(file, validator, diags, options.max_nesting);
      }
    }
  }
  if (!set.facts.empty()) consume(std::move(set));
  return files_read;
}

}  // namespace treaty::facts
