// libFuzzer target: arbitrary bytes as a policy file -> syntax::Parse -> check::Check.
// Nothing may crash, hang or overflow the stack, whatever the input (seeds: policies/).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "check/checker.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace treaty;
  base::SourceSet sources;
  const base::FileId id =
      sources.Add("fuzz.treaty", std::string(reinterpret_cast<const char*>(data), size));
  base::DiagnosticEngine diags;
  std::vector<ast::File> files;
  files.push_back(syntax::Parse(sources.Get(id), diags));
  check::Portfolio portfolio = check::Check(files, sources, diags);
  (void)portfolio;
  (void)diags.Sorted();
  return 0;
}
