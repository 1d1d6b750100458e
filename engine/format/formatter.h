#pragma once
/// `treaty fmt`: the one canonical layout of a policy file. Input: a SourceFile; output: its
/// formatted text, printed from the AST (syntax::Parse) with the comments of the token stream
/// (syntax::Tokenize) re-attached by position (format/layout.h). Every result is checked before
/// it is returned: the formatted text parses to the same AST (ast_dump) and holds the same
/// comments in the same order. The layout rules are in docs/fmt.md. Pure; thread-compatible.

#include <string>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"

namespace treaty::format {

struct FormatOptions {
  int width = 100;     // the column limit that decides where long constructs break
  bool verify = true;  // check the result (reparse, compare); off only to debug the formatter
};

struct FormatResult {
  enum class Outcome {
    kFormatted,     // `text` is the canonical form (equal to the input when it already was)
    kSyntaxErrors,  // the file does not parse; its errors are in `diags`; leave it alone
    kBug,           // the check of the result failed (a bug in the formatter): see `text`
  };
  Outcome outcome = Outcome::kFormatted;
  std::string text;  // the formatted file, or for kBug what went wrong
};

FormatResult Format(const base::SourceFile& file, base::DiagnosticEngine& diags,
                    const FormatOptions& options = {});

}  // namespace treaty::format
