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

/// Taxonomies and kinds of LANGUAGE.md §2, and its definitions.
inline const char* kVocabulary = R"TREATY(
taxonomy cloud { Azure AWS Google Oracle }
taxonomy channel {
  Azure  { azure_openai azure_foundry }
  AWS    { bedrock sagemaker }
  Google { vertex }
  Oracle { oci }
}
taxonomy region {
  na   { us ca }
  emea { eu uk }
  apac { jp india au }
}
taxonomy segment {
  enterprise    { fortune_500 large_enterprise }
  public_sector { us_natsec civilian_gov }
  smb
  startup
}
taxonomy api { stateless product }

kind deployment "A planned or running model deployment" {
  provider:       text
  model:          text
  cloud:          cloud
  channel:        channel
  api:            api
  segment:        segment
  regions:        list of region
  start:          date
  end:            date optional
  price_per_mtok: number optional
  active from start until end
}

kind deal "A co-marketing or partnership deal" {
  type:     text
  partners: list of cloud
  segments: list of segment
  announce: date
  notices:  map of date optional
  active at announce
}

define frontier_models    = ["gpt-5", "gpt-5.1", "o4"]
define open_weight_models = ["gpt-oss-120b", "gpt-oss-20b"]
define competitors        = [AWS, Google, Oracle]
define frontier_api(d: deployment) =
  d.api == stateless and d.model in frontier_models and d.model not in open_weight_models
)TREATY";

/// An agreement around `body` (clauses), after the vocabulary.
inline std::string WithAgreement(const std::string& body) {
  return std::string(kVocabulary) +
         "\nagreement A \"A\" {\n  parties OpenAI, Microsoft\n  effective 2025-01-01\n" + body +
         "\n}\n";
}

}  // namespace treaty::check::testing
