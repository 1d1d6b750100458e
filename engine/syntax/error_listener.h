#pragma once
/// Turns ANTLR's syntax errors into Diagnostics in words a policy author reads: "expected
/// `when`, `unless`, a clause item or `}`, found `garbage`", a reserved keyword used as a name
/// (T0106), a bracket never closed (T0117), with a did-you-mean or a hint in `help`. Replaces
/// the console listeners of the lexer and the parser. One listener serves one parse (a
/// declaration, or an `{expr}` of a message) and keeps only its first error: the next ones are
/// mostly echoes of the first, and the declaration is dropped anyway.

#include <exception>
#include <string>
#include <vector>

#include <antlr4-runtime.h>

#include "base/diagnostic_engine.h"
#include "syntax/spans.h"

namespace treaty::syntax {

/// ANTLR's default recovery, which also remembers every parser state that looked at the current
/// token before the error: optional parts that were skipped (`when`, `as`, `,` after
/// `forbid deployment`) then count among the tokens the message says were expected.
class RecordingErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void sync(antlr4::Parser* recognizer) override;
  /// The token types expected by the states recorded at token `index`.
  std::vector<size_t> ExpectedAt(antlr4::Parser& parser, size_t index) const;

 private:
  size_t index_ = SIZE_MAX;
  std::vector<std::pair<size_t, antlr4::RuleContext*>> states_;
};

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  enum class Mode { kDeclaration, kInterpolation };

  /// `eof_found` describes what follows the parsed tokens ("the end of the file", "keyword
  /// `agreement`"); `unclosed` are the brackets the NestingGuard found open at the end.
  ErrorListener(const SpanMaker& spans, base::DiagnosticEngine& diags, Mode mode,
                std::string eof_found, std::vector<const antlr4::Token*> unclosed);

  /// Installs this listener and a RecordingErrorStrategy on `parser` (instead of the console
  /// listener and the default strategy).
  void Attach(antlr4::Parser& parser);

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t col, const std::string& msg, std::exception_ptr e) override;

  /// Reports a token found after a complete declaration (or interpolation).
  void ReportTrailing(antlr4::Parser& parser, const antlr4::Token& token);

  bool failed() const { return failed_; }

 private:
  void Report(antlr4::Parser& parser, const antlr4::Token& token, std::vector<size_t> expected,
              bool trailing);
  void Add(base::Diagnostic d);

  const SpanMaker& spans_;
  base::DiagnosticEngine& diags_;
  Mode mode_;
  std::string eof_found_;
  std::vector<const antlr4::Token*> unclosed_;
  std::shared_ptr<RecordingErrorStrategy> strategy_;
  bool failed_ = false;
};

/// The friendly description of a set of expected token types, e.g. "`when`, `unless`, a
/// clause item or `}`" (`eof` names the end of the input when it is expected).
std::string DescribeExpected(const std::vector<size_t>& types, const antlr4::dfa::Vocabulary& vocab,
                             std::string_view eof);

/// The friendly description of one token: "keyword `when`", "`foo`", "the end of the file".
std::string DescribeToken(const antlr4::Token& token, std::string_view eof);

/// Whether the token type is a keyword of §9.
bool IsKeyword(size_t type);

}  // namespace treaty::syntax
