#pragma once
/// A neutral view of a policy file's tokens for tools that work on the source form (`treaty
/// fmt`): every token in source order, comments included, whitespace dropped, with no ANTLR type
/// in sight. Produced by the same lexer as syntax::Parse. Pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"

namespace treaty::syntax {

enum class TokenKind : uint8_t {
  kKeyword,       // a reserved word of LANGUAGE.md §9
  kIdentifier,    // includes `active`, `as_of` and the type names `number`, `bool`, `date`
  kString,        // "…"
  kLongText,      // """…"""
  kNumber,        // 42, 0.75, 1_000_000
  kDate,          // 2026-03-01
  kPunct,         // { } ( ) [ ] , : . == != <= >= < > = + - * /
  kLineComment,   // // … (to the end of the line, line terminator excluded)
  kBlockComment,  // /* … */
};

struct Token {
  TokenKind kind = TokenKind::kPunct;
  std::string text;  // the source bytes of the token
  base::Span span;
  uint32_t newlines_before = 0;  // line breaks since the end of the previous token (or file start)

  bool is_comment() const {
    return kind == TokenKind::kLineComment || kind == TokenKind::kBlockComment;
  }
};

/// The tokens of `file`. Lexical errors are reported to `diags` with the codes syntax::Parse
/// uses (a caller that only formats files which parse cleanly never sees one).
std::vector<Token> Tokenize(const base::SourceFile& file, base::DiagnosticEngine& diags);

/// The value of a string (`"…"`, escapes decoded) or long text (`"""…"""`, dedented) exactly as
/// the parser computes it; `text` is the token as written, quotes included.
std::string DecodeStringToken(std::string_view text);

}  // namespace treaty::syntax
