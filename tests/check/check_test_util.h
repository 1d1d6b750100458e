#pragma once
/// Test support for check/: parse policy text with syntax::Parse and check it, keeping the
/// sources, diagnostics and portfolio together; plus the vocabulary of LANGUAGE.md §2.

#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "check/checker.h"
#include "check/model.h"
#include "support/vocabulary.h"
#include "syntax/parser.h"

namespace treaty::check::testing {

struct Checked {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  std::vector<ast::File> files;
  Portfolio portfolio;

  /// The codes of all diagnostics, sorted ("T0203", …).
  std::vector<std::string> Codes() const {
    std::vector<std::string> out;
    for (const auto& d : diags.Sorted()) out.emplace_back(d.code_name());
    return out;
  }
  const base::Diagnostic* First(std::string_view code) const {
    for (const auto& d : diags.all()) {
      if (d.code_name() == code) return &d;
    }
    return nullptr;
  }
  /// The source text under a span.
  std::string TextOf(const base::Span& s) const {
    return std::string(sources.Get(s.file).text().substr(s.begin, s.end - s.begin));
  }
};

/// Parses and checks `texts` as the files `f0.treaty`, `f1.treaty`, …
inline std::unique_ptr<Checked> CheckFiles(const std::vector<std::string>& texts) {
  auto c = std::make_unique<Checked>();
  for (size_t i = 0; i < texts.size(); ++i) {
    base::FileId id = c->sources.Add("f" + std::to_string(i) + ".treaty", texts[i]);
    c->files.push_back(syntax::Parse(c->sources.Get(id), c->diags));
  }
  c->portfolio = Check(c->files, c->sources, c->diags);
  return c;
}

inline std::unique_ptr<Checked> CheckText(const std::string& text) { return CheckFiles({text}); }

using treaty::testing::kVocabulary;

/// An agreement around `body` (clauses), after the vocabulary.
inline std::string WithAgreement(const std::string& body) {
  return std::string(kVocabulary) +
         "\nagreement A \"A\" {\n  parties OpenAI, Microsoft\n  effective 2025-01-01\n" + body +
         "\n}\n";
}

}  // namespace treaty::check::testing
