#include "syntax/tokens.h"

#include <algorithm>

#include "base/utf8.h"

#include "syntax/error_listener.h"
#include "syntax/literals.h"
#include "syntax/parse_unit.h"

namespace treaty::syntax {

namespace {

using L = treaty_grammar::TreatyLexer;

TokenKind KindOf(size_t type) {
  switch (type) {
    case L::IDENT:
      return TokenKind::kIdentifier;
    case L::STRING:
      return TokenKind::kString;
    case L::LONG_STRING:
      return TokenKind::kLongText;
    case L::NUMBER:
      return TokenKind::kNumber;
    case L::DATE:
      return TokenKind::kDate;
    case L::LINE_COMMENT:
      return TokenKind::kLineComment;
    case L::BLOCK_COMMENT:
      return TokenKind::kBlockComment;
    default:
      return IsKeyword(type) ? TokenKind::kKeyword : TokenKind::kPunct;
  }
}

}  // namespace

std::vector<Token> Tokenize(const base::SourceFile& file, base::DiagnosticEngine& diags) {
  uint32_t invalid = kNoOffset;
  const auto bom = static_cast<uint32_t>(base::Utf8BomLength(file.text()));  // not a token
  const CodePointText text = DecodeUtf8(file.text().substr(bom), bom, &invalid);
  SpanMaker spans(file, text);
  LexedText lexed = Lex(spans, diags);
  // Merge the default-channel tokens and the comments, both in source order.
  std::vector<const antlr4::Token*> all;
  all.reserve(lexed.tokens.size() + lexed.comments.size());
  for (const auto& t : lexed.tokens) all.push_back(t.get());
  for (const auto& t : lexed.comments) all.push_back(t.get());
  std::sort(all.begin(), all.end(), [](const antlr4::Token* a, const antlr4::Token* b) {
    return a->getStartIndex() < b->getStartIndex();
  });
  std::vector<Token> out;
  out.reserve(all.size());
  const std::string_view source = file.text();
  uint32_t previous_end = 0;
  for (const antlr4::Token* t : all) {
    Token token;
    token.kind = KindOf(t->getType());
    token.span = spans.Of(t);
    token.text = std::string(source.substr(token.span.begin, token.span.size()));
    if (token.kind == TokenKind::kLineComment) {
      while (!token.text.empty() &&
             (token.text.back() == '\r' || token.text.back() == ' ' || token.text.back() == '\t')) {
        token.text.pop_back();
      }
    }
    const std::string_view gap =
        source.substr(previous_end, token.span.begin - std::min(previous_end, token.span.begin));
    token.newlines_before = static_cast<uint32_t>(std::count(gap.begin(), gap.end(), '\n'));
    previous_end = token.span.end;
    out.push_back(std::move(token));
  }
  return out;
}

std::string DecodeStringToken(std::string_view text) {
  uint32_t invalid = kNoOffset;
  const CodePointText chars = DecodeUtf8(text, 0, &invalid);
  if (text.substr(0, 3) == "\"\"\"") return EncodeUtf8(DecodeLongText(chars).chars);
  return EncodeUtf8(DecodeString(chars, nullptr).chars);
}

}  // namespace treaty::syntax
