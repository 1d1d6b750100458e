#include "format/layout.h"

#include <algorithm>

#include "base/utf8.h"

namespace treaty::format {

namespace {

bool IsOpen(std::string_view t) { return t == "{" || t == "(" || t == "["; }
bool IsClose(std::string_view t) { return t == "}" || t == ")" || t == "]"; }

bool Multiline(std::string_view text) { return text.find('\n') != std::string_view::npos; }

}  // namespace

int TextWidth(std::string_view text) {
  const size_t nl = text.rfind('\n');
  if (nl != std::string_view::npos) text = text.substr(nl + 1);
  return static_cast<int>(base::CountCodePoints(text));
}

// ---------------------------------------------------------------- SourceTokens

SourceTokens::SourceTokens(std::vector<syntax::Token> tokens)
    : tokens_(std::move(tokens)), match_(tokens_.size(), kNoToken) {
  std::vector<size_t> open;
  size_t last_code = kNoToken;
  bool newline_since_code = true;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const syntax::Token& t = tokens_[i];
    if (t.newlines_before > 0) newline_since_code = true;
    if (!t.is_comment()) {
      code_.push_back(i);
      last_code = i;
      newline_since_code = false;
      if (t.kind == syntax::TokenKind::kPunct && IsOpen(t.text)) {
        open.push_back(i);
      } else if (t.kind == syntax::TokenKind::kPunct && IsClose(t.text) && !open.empty()) {
        match_[open.back()] = i;
        match_[i] = open.back();
        open.pop_back();
      }
      continue;
    }
    Comment c;
    c.token = i;
    c.trailing = last_code != kNoToken && !newline_since_code;
    if (c.trailing) c.anchor = last_code;
    comments_.push_back(c);
    if (Multiline(t.text)) newline_since_code = true;
  }
  // Leading comments are attached to the next code token.
  size_t next = kNoToken;
  for (size_t k = comments_.size(), i = tokens_.size(); k-- > 0;) {
    const size_t at = comments_[k].token;
    while (i > at) {
      --i;
      if (!tokens_[i].is_comment()) next = i;
    }
    if (!comments_[k].trailing) comments_[k].anchor = next;
  }
}

size_t SourceTokens::At(uint32_t offset) const {
  auto it = std::upper_bound(tokens_.begin(), tokens_.end(), offset,
                             [](uint32_t o, const syntax::Token& t) { return o < t.span.begin; });
  if (it == tokens_.begin()) return kNoToken;
  --it;
  if (offset >= it->span.end && !(offset == it->span.begin)) return kNoToken;
  return static_cast<size_t>(it - tokens_.begin());
}

size_t SourceTokens::NextCode(uint32_t offset) const {
  auto it = std::lower_bound(code_.begin(), code_.end(), offset,
                             [&](size_t i, uint32_t o) { return tokens_[i].span.begin < o; });
  return it == code_.end() ? kNoToken : *it;
}

size_t SourceTokens::PrevCode(uint32_t offset) const {
  auto it = std::upper_bound(code_.begin(), code_.end(), offset,
                             [&](uint32_t o, size_t i) { return o < tokens_[i].span.end; });
  if (it == code_.begin()) return kNoToken;
  return *(it - 1);
}

size_t SourceTokens::SkipParens(uint32_t offset) const {
  size_t i = NextCode(offset);
  while (i != kNoToken && tokens_[i].text == "(") {
    i = NextCode(tokens_[i].span.end);
  }
  return i;
}

int SourceTokens::SourceBlank(size_t i) const {
  return i < tokens_.size() && tokens_[i].newlines_before >= 2 ? 1 : 0;
}

bool SourceTokens::CommentBetween(uint32_t begin, uint32_t end) const {
  auto it = std::upper_bound(
      comments_.begin(), comments_.end(), begin,
      [&](uint32_t o, const Comment& c) { return o < tokens_[c.token].span.begin; });
  return it != comments_.end() && tokens_[it->token].span.begin < end;
}

bool SourceTokens::TrailingCommentOn(uint32_t begin, uint32_t end) const {
  for (const Comment& c : comments_) {
    if (!c.trailing) continue;
    const uint32_t a = tokens_[c.anchor].span.begin;
    if (a >= end) break;
    if (a >= begin) return true;
  }
  return false;
}

bool SourceTokens::ChainHasInnerComments(
    const std::vector<std::pair<uint32_t, uint32_t>>& operands) const {
  if (operands.size() < 2) return false;
  const uint32_t first_begin = operands.front().first;
  const uint32_t first_end = operands.front().second;
  const uint32_t before_last_end = operands[operands.size() - 2].second;
  const uint32_t last_end = operands.back().second;
  auto anchor_at = [&](const Comment& c) {
    return c.anchor == kNoToken ? UINT32_MAX : tokens_[c.anchor].span.begin;
  };
  // Anchors are in source order: start at the first comment anchored at or after the chain.
  auto it = std::lower_bound(comments_.begin(), comments_.end(), first_begin,
                             [&](const Comment& c, uint32_t o) { return anchor_at(c) < o; });
  for (; it != comments_.end(); ++it) {
    const uint32_t a = anchor_at(*it);
    if (a >= last_end) break;
    // A trailing comment on the operator before the last operand ends the last line anyway.
    if (it->trailing ? a < before_last_end : a >= first_end) return true;
  }
  return false;
}

// ---------------------------------------------------------------- Layout

Layout::Layout(const SourceTokens& tokens, bool dry, int column)
    : tokens_(tokens),
      dry_(dry),
      dry_column_(column),
      line_of_token_(dry ? 0 : tokens.size(), kNoToken) {}

void Layout::NewLine(int indent, Blank blank, uint32_t start) {
  if (dry_) {
    dry_text_ += '\n';
    dry_text_.append(static_cast<size_t>(indent), ' ');
    return;
  }
  Line line;
  line.indent = indent;
  line.blank = blank;
  lines_.push_back(std::move(line));
  if (start != UINT32_MAX) {
    const size_t t = tokens_.At(start);
    lines_.back().start = t;
    if (t != kNoToken) MarkToken(t);
  }
}

void Layout::Add(std::string_view text) {
  if (dry_) {
    dry_text_ += text;
  } else if (!lines_.empty()) {
    lines_.back().text += text;
  }
}

void Layout::Mark(uint32_t offset) {
  if (dry_) return;
  const size_t t = tokens_.At(offset);
  if (t != kNoToken) MarkToken(t);
}

void Layout::MarkToken(size_t token) {
  if (dry_ || lines_.empty() || token >= line_of_token_.size()) return;
  if (line_of_token_[token] == kNoToken) line_of_token_[token] = lines_.size() - 1;
}

void Layout::SetOpens() {
  if (!dry_ && !lines_.empty()) lines_.back().opens = true;
}

void Layout::SetCloses() {
  if (!dry_ && !lines_.empty()) lines_.back().closes = true;
}

void Layout::SetAlignGroup(int group) {
  if (!dry_ && !lines_.empty()) lines_.back().align_group = group;
}

int Layout::Column() const {
  if (dry_) {
    return Multiline(dry_text_) ? TextWidth(dry_text_) : dry_column_ + TextWidth(dry_text_);
  }
  if (lines_.empty()) return 0;
  const Line& l = lines_.back();
  return Multiline(l.text) ? TextWidth(l.text) : l.indent + TextWidth(l.text);
}

std::string Layout::Finish() const {
  const size_t n = lines_.size();
  // Which output line each comment lands on (n: after the last line).
  std::vector<std::vector<const SourceTokens::Comment*>> on_line(n + 1);
  auto registered_from = [&](size_t token, bool forward) -> size_t {
    if (forward) {
      for (size_t t = token; t < line_of_token_.size(); ++t) {
        if (line_of_token_[t] != kNoToken) return line_of_token_[t];
      }
      return n;
    }
    for (size_t t = token + 1; t-- > 0;) {
      if (line_of_token_[t] != kNoToken) return line_of_token_[t];
    }
    return kNoToken;
  };
  for (const auto& c : tokens_.comments()) {
    size_t line = n;
    if (c.anchor != kNoToken) {
      // An unregistered token stands where the last registered token before it stands, so
      // that the lines of tokens never go backwards and comments keep their order.
      line = registered_from(c.anchor, false);
      if (line == kNoToken) line = registered_from(c.anchor, true);
    }
    on_line[line].push_back(&c);
  }

  auto blank_for = [](Blank policy, int source) {
    switch (policy) {
      case Blank::kNone:
        return 0;
      case Blank::kOne:
        return 1;
      case Blank::kKeep:
        return source;
    }
    return source;
  };
  // Alignment columns of the trailing comments of each group.
  std::vector<int> group_column;
  for (const Line& l : lines_) {
    if (l.align_group < 0) continue;
    if (group_column.size() <= static_cast<size_t>(l.align_group)) {
      group_column.resize(static_cast<size_t>(l.align_group) + 1, 0);
    }
    int& col = group_column[static_cast<size_t>(l.align_group)];
    col = std::max(col, l.indent + TextWidth(l.text) + 2);
  }

  std::string out;
  bool at_start = true;    // nothing written yet
  bool after_open = true;  // the last line written opens a block
  auto emit = [&](int blank, int indent, std::string_view text, bool closes) {
    if (blank > 0 && !at_start && !after_open && !closes) out += '\n';
    out.append(static_cast<size_t>(indent), ' ');
    out += text;
    out += '\n';
    at_start = false;
  };
  for (size_t i = 0; i <= n; ++i) {
    const auto& comments = on_line[i];
    const Line* line = i < n ? &lines_[i] : nullptr;
    // A last trailing comment stays at the end of the line; the others go above it.
    const SourceTokens::Comment* trailing = nullptr;
    size_t above = comments.size();
    if (line && !comments.empty() && comments.back()->trailing &&
        !Multiline(tokens_[comments.back()->token].text)) {
      trailing = comments.back();
      --above;
    }
    const int comment_indent = line ? line->indent + (line->closes ? 2 : 0) : 0;
    for (size_t k = 0; k < above; ++k) {
      const size_t t = comments[k]->token;
      const int source = tokens_.SourceBlank(t);
      const int blank = k > 0 || !line ? source : blank_for(line->blank, source);
      emit(blank, comment_indent, tokens_[t].text, false);
      after_open = false;
    }
    if (!line) break;
    const int source = tokens_.SourceBlank(line->start);
    int blank = blank_for(line->blank, source);
    if (above > 0) blank = line->blank == Blank::kNone ? 0 : source;
    std::string text = line->text;
    if (trailing) {
      int col = line->indent + TextWidth(text) + 2;
      if (line->align_group >= 0) col = group_column[static_cast<size_t>(line->align_group)];
      const int pad = col - (Multiline(text) ? TextWidth(text) : line->indent + TextWidth(text));
      text.append(static_cast<size_t>(std::max(pad, 1)), ' ');
      text += tokens_[trailing->token].text;
    }
    emit(blank, line->indent, text, line->closes);
    after_open = line->opens;
  }
  return out;
}

}  // namespace treaty::format
