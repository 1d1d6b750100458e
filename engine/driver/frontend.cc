#include "driver/frontend.h"

#include "check/checker.h"
#include "syntax/parser.h"

namespace treaty::driver {

std::vector<std::string> ListPolicyFiles(const std::vector<std::string>& roots,
                                         const base::FileSystem& fs,
                                         base::DiagnosticEngine& diags) {
  std::vector<std::string> paths;
  for (const auto& root : roots) {
    base::FileListing listed = fs.ListFiles(root, {".treaty"});
    for (const base::PathProblem& problem : listed.problems) {
      diags.Add(
          base::MakeDiagnostic(base::DiagCode::T0112, base::Span{}, problem.path, problem.message));
    }
    if (listed.files.empty() && listed.problems.empty()) {
      diags.Add(base::MakeDiagnostic(base::DiagCode::T0603, base::Span{}, root));
    }
    for (auto& p : listed.files) paths.push_back(std::move(p));
  }
  return paths;
}

Frontend CompilePortfolio(const std::vector<std::string>& roots, const base::FileSystem& fs,
                          base::SourceSet& sources, base::DiagnosticEngine& diags) {
  Frontend out;
  std::vector<ast::File> files;  // the ASTs live only until the portfolio is checked
  for (const auto& path : ListPolicyFiles(roots, fs, diags)) {
    auto text = fs.ReadFile(path);
    if (!text.ok()) {
      diags.Add(
          base::MakeDiagnostic(base::DiagCode::T0112, base::Span{}, path, text.status().message()));
      continue;
    }
    base::FileId id = sources.Add(path, std::move(text.value()));
    files.push_back(syntax::Parse(sources.Get(id), diags));
  }
  out.policy_files = files.size();
  out.portfolio = check::Check(files, sources, diags);
  return out;
}

}  // namespace treaty::driver
