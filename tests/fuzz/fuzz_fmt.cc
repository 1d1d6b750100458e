// libFuzzer target: arbitrary bytes as a policy file -> format::Format. A file that parses must
// format without failing the formatter's own check (same AST, same comments), and formatting the
// result again must change nothing (seeds: policies/).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "format/formatter.h"

namespace {

treaty::format::FormatResult FormatText(const std::string& text) {
  treaty::base::SourceSet sources;
  const treaty::base::FileId id = sources.Add("fuzz.treaty", text);
  treaty::base::DiagnosticEngine diags;
  return treaty::format::Format(sources.Get(id), diags);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using Outcome = treaty::format::FormatResult::Outcome;
  const auto first = FormatText(std::string(reinterpret_cast<const char*>(data), size));
  if (first.outcome == Outcome::kSyntaxErrors) return 0;
  if (first.outcome == Outcome::kBug) {
    std::fprintf(stderr, "fmt: %s\n", first.text.c_str());
    std::abort();
  }
  const auto second = FormatText(first.text);
  if (second.outcome != Outcome::kFormatted || second.text != first.text) {
    std::fprintf(stderr, "fmt: not idempotent\n--- first\n%s\n--- second\n%s\n", first.text.c_str(),
                 second.text.c_str());
    std::abort();
  }
  return 0;
}
