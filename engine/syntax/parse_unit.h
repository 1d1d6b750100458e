#pragma once
/// The ANTLR plumbing shared by the file parser and the message interpolations: lexing a
/// CodePointText into default-channel tokens (reporting the error tokens of the grammar as
/// T0102/T0103/T0104/T0108/T0115), and running the parser over a range of those tokens.

#include <memory>
#include <vector>

#include <antlr4-runtime.h>

#include "TreatyLexer.h"
#include "TreatyParser.h"
#include "ast/ast.h"
#include "base/diagnostic_engine.h"
#include "syntax/code_points.h"
#include "syntax/parser.h"
#include "syntax/spans.h"

namespace treaty::syntax {

/// The tokens of one text. Owns the ANTLR input and lexer, which the tokens refer to.
struct LexedText {
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::unique_ptr<treaty_grammar::TreatyLexer> lexer;
  std::vector<std::unique_ptr<antlr4::Token>> tokens;    // default channel, no EOF
  std::vector<std::unique_ptr<antlr4::Token>> comments;  // LINE_COMMENT and BLOCK_COMMENT
  std::vector<size_t> errors;  // code-point index of each lexical error, ascending
};

/// Lexes the whole text. Whitespace is dropped and comments (HIDDEN channel) are kept apart in
/// `comments`; error tokens are reported, then dropped or turned into the token they were meant
/// to be.
LexedText Lex(const SpanMaker& spans, base::DiagnosticEngine& diags);

/// A parser over tokens [begin, end) of a LexedText followed by an EOF at code point `eof_at`.
class TokenRangeParser {
 public:
  TokenRangeParser(const LexedText& lexed, size_t begin, size_t end, size_t eof_at);
  treaty_grammar::TreatyParser& parser() { return *parser_; }

 private:
  std::unique_ptr<antlr4::ListTokenSource> source_;
  std::unique_ptr<antlr4::CommonTokenStream> stream_;
  std::unique_ptr<treaty_grammar::TreatyParser> parser_;
};

/// Parses the `{expr}` part of a message; nullptr after reporting an error (T0111 and co.).
ast::ExprPtr ParseInterpolation(const base::SourceFile& file, const CodePointText& text,
                                base::DiagnosticEngine& diags, const ParseOptions& options);

}  // namespace treaty::syntax
