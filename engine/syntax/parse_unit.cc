#include "syntax/parse_unit.h"

#include <fmt/format.h>

#include "syntax/ast_builder.h"
#include "syntax/error_listener.h"
#include "syntax/nesting_guard.h"

namespace treaty::syntax {

namespace {

using L = treaty_grammar::TreatyLexer;

/// An ANTLR input over code points we decoded ourselves (ANTLR's own decoder throws on
/// invalid UTF-8).
class CodePointInput : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointInput(const std::u32string& chars) {
    _data = chars;
    p = 0;
  }
};

constexpr size_t kMaxLexErrors = 20;

std::string CharName(char32_t c) {
  if (c < 0x20 || c == 0x7F || c == 0xFEFF)
    return fmt::format("\\u{{{:X}}}", static_cast<uint32_t>(c));
  return EncodeUtf8(std::u32string(1, c));
}

std::string CharHelp(char32_t c) {
  switch (c) {
    case '\'':
      return "strings are written in double quotes: `\"…\"`";
    case ';':
      return "Treaty needs no `;` between items: remove it";
    case '&':
      return "write `and`";
    case '|':
      return "write `or`";
    case '!':
      return "write `not`, or `!=` for not equal";
    case '#':
      return "comments start with `//`";
    case 0x201C:
    case 0x201D:
      return "use plain double quotes `\"`";
    default:
      return "remove it";
  }
}

}  // namespace

LexedText Lex(const SpanMaker& spans, base::DiagnosticEngine& diags) {
  LexedText out;
  out.input = std::make_unique<CodePointInput>(spans.text().chars);
  out.lexer = std::make_unique<L>(out.input.get());
  out.lexer->removeErrorListeners();  // ERROR_CHAR matches anything: the lexer never fails
  size_t reported = 0;
  auto report = [&](base::Diagnostic d, size_t at) {
    out.errors.push_back(at);
    if (reported++ < kMaxLexErrors) diags.Add(std::move(d));
  };
  size_t last_error_char_end = SIZE_MAX;
  for (;;) {
    std::unique_ptr<antlr4::Token> tok = out.lexer->nextToken();
    const size_t type = tok->getType();
    if (type == antlr4::Token::EOF) break;
    if (tok->getChannel() != antlr4::Token::DEFAULT_CHANNEL) {
      if (type == L::LINE_COMMENT || type == L::BLOCK_COMMENT) {
        out.comments.push_back(std::move(tok));
      }
      continue;
    }
    const size_t start = tok->getStartIndex();
    auto* common = dynamic_cast<antlr4::CommonToken*>(tok.get());
    switch (type) {
      case L::UNTERMINATED_STRING:
        report(base::MakeDiagnostic(base::DiagCode::T0102, spans.Of(tok.get()))
                   .WithLabel("this string is never closed")
                   .WithHelp("add the closing `\"` on the same line; text over several lines "
                             "is written `\"\"\"…\"\"\"`"),
               start);
        common->setType(L::STRING);
        break;
      case L::UNTERMINATED_LONG_STRING:
        report(base::MakeDiagnostic(base::DiagCode::T0102, spans.Range(start, start + 3))
                   .WithLabel("this text is never closed")
                   .WithHelp("close it with `\"\"\"`"),
               start);
        common->setType(L::LONG_STRING);
        break;
      case L::UNTERMINATED_COMMENT:
        report(base::MakeDiagnostic(base::DiagCode::T0103, spans.Range(start, start + 2))
                   .WithLabel("this comment is never closed")
                   .WithHelp("close it with `*/`"),
               start);
        continue;
      case L::ERROR_CHAR: {
        const char32_t c = spans.text().chars[start];
        // One diagnostic for a run of bad characters; an invalid UTF-8 byte has T0116.
        if (start != last_error_char_end && c != 0xFFFD) {
          report(base::MakeDiagnostic(base::DiagCode::T0104, spans.Of(tok.get()), CharName(c))
                     .WithLabel("not part of the language")
                     .WithHelp(CharHelp(c)),
                 start);
        } else {
          out.errors.push_back(start);
        }
        last_error_char_end = start + 1;
        continue;
      }
      case L::BAD_NUMBER: {
        const std::string text = tok->getText();
        std::string help = "a number has at most one `.`, with digits on both sides";
        if (text.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
            std::string::npos) {
          help =
              "put a space between a number and its unit, as in `30 days`; a name cannot "
              "start with a digit";
        }
        report(
            base::MakeDiagnostic(base::DiagCode::T0108, spans.Of(tok.get()), text).WithHelp(help),
            start);
        common->setType(L::NUMBER);
        break;
      }
      case L::BAD_DATE:
        report(base::MakeDiagnostic(base::DiagCode::T0115, spans.Of(tok.get()), tok->getText())
                   .WithHelp("write the month and the day with two digits, as in `2026-03-01`"),
               start);
        common->setType(L::DATE);
        break;
      default:
        break;
    }
    out.tokens.push_back(std::move(tok));
  }
  return out;
}

TokenRangeParser::TokenRangeParser(const LexedText& lexed, size_t begin, size_t end,
                                   size_t eof_at) {
  std::vector<std::unique_ptr<antlr4::Token>> tokens;
  tokens.reserve(end - begin + 1);
  for (size_t i = begin; i < end; ++i) {
    tokens.push_back(std::make_unique<antlr4::CommonToken>(lexed.tokens[i].get()));
  }
  auto eof = std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
  eof->setStartIndex(eof_at);
  eof->setStopIndex(eof_at - 1);
  if (end < lexed.tokens.size()) {
    eof->setLine(lexed.tokens[end]->getLine());
    eof->setCharPositionInLine(lexed.tokens[end]->getCharPositionInLine());
  } else if (end > begin) {
    eof->setLine(lexed.tokens[end - 1]->getLine() + 1);
  }
  tokens.push_back(std::move(eof));
  source_ = std::make_unique<antlr4::ListTokenSource>(std::move(tokens));
  stream_ = std::make_unique<antlr4::CommonTokenStream>(source_.get());
  parser_ = std::make_unique<treaty_grammar::TreatyParser>(stream_.get());
  parser_->removeErrorListeners();
}

ast::ExprPtr ParseInterpolation(const base::SourceFile& file, const CodePointText& text,
                                base::DiagnosticEngine& diags, const ParseOptions& options) {
  SpanMaker spans(file, text);
  LexedText lexed = Lex(spans, diags);
  if (!lexed.errors.empty()) return nullptr;
  std::vector<const antlr4::Token*> tokens;
  for (const auto& t : lexed.tokens) tokens.push_back(t.get());
  GuardResult guard = NestingGuard(options).Scan(tokens, spans, diags);
  if (!guard.ok) return nullptr;
  TokenRangeParser range(lexed, 0, lexed.tokens.size(), text.chars.size());
  ErrorListener listener(spans, diags, ErrorListener::Mode::kInterpolation,
                         "the end of the interpolation", guard.unclosed);
  listener.Attach(range.parser());
  auto* tree = range.parser().standaloneExpr();
  if (listener.failed()) return nullptr;
  const size_t errors = diags.error_count();
  AstBuilder builder(spans, diags, options);
  ast::ExprPtr e = builder.BuildExpr(*tree->expr());
  if (diags.error_count() != errors) return nullptr;
  return e;
}

}  // namespace treaty::syntax
