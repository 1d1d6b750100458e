#pragma once
/// Maps ANTLR tokens and rule contexts of one lexed text (code-point indexes) to byte Spans in
/// the SourceFile. Cheap to copy; holds references to the file and the text.

#include <antlr4-runtime.h>

#include "base/source_file.h"
#include "syntax/code_points.h"

namespace treaty::syntax {

class SpanMaker {
 public:
  SpanMaker(const base::SourceFile& file, const CodePointText& text) : file_(file), text_(text) {}

  /// Code points [begin, end) of the text.
  base::Span Range(size_t begin, size_t end) const {
    const size_t last = text_.offsets.size() - 1;
    begin = std::min(begin, last);
    end = std::clamp(end, begin, last);
    return file_.MakeSpan(text_.offsets[begin], text_.offsets[end]);
  }
  /// The token's text (EOF: an empty span where it stands).
  base::Span Of(const antlr4::Token* t) const {
    if (t->getType() == antlr4::Token::EOF) return Range(t->getStartIndex(), t->getStartIndex());
    return Range(t->getStartIndex(), t->getStopIndex() + 1);
  }
  /// From the first to the last token of a rule (empty at its start when it matched nothing).
  base::Span Of(antlr4::ParserRuleContext* ctx) const {
    const antlr4::Token* start = ctx->getStart();
    const antlr4::Token* stop = ctx->getStop();
    if (!stop || stop->getType() == antlr4::Token::EOF ||
        stop->getTokenIndex() < start->getTokenIndex()) {
      return Of(start);
    }
    return Range(start->getStartIndex(), stop->getStopIndex() + 1);
  }
  /// An empty span just past the token (where something missing should have been).
  base::Span After(const antlr4::Token* t) const {
    return Range(t->getStopIndex() + 1, t->getStopIndex() + 1);
  }
  const base::SourceFile& file() const { return file_; }
  const CodePointText& text() const { return text_; }

 private:
  const base::SourceFile& file_;
  const CodePointText& text_;
};

}  // namespace treaty::syntax
