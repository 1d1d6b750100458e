// format::Format: parse, print the AST in the canonical layout onto a Layout (which puts the
// comments back), then check the result. The layout rules are documented in docs/fmt.md; the
// printer below follows them construct by construct, in source order.
#include "format/formatter.h"

#include <algorithm>
#include <functional>
#include <variant>

#include <fmt/format.h>

#include "ast/ast_dump.h"
#include "base/escape.h"
#include "format/layout.h"
#include "syntax/parser.h"
#include "syntax/tokens.h"

namespace treaty::format {

namespace {

using syntax::TokenKind;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// ---------------------------------------------------------------- strings

// `value` as long text whose opening quotes stand at `column`: the first line right after the
// quotes, the others aligned under it. Empty when that text would not read back as `value`.
std::string LongText(std::string_view value, int column) {
  if (value.find("\"\"\"") != std::string_view::npos || value.empty() || value.back() == '"') {
    return "";
  }
  const std::string indent(static_cast<size_t>(column) + 3, ' ');
  std::string out = "\"\"\"";
  size_t start = 0;
  for (bool first = true;; first = false) {
    const size_t nl = value.find('\n', start);
    const std::string_view line =
        value.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!first) {
      out += '\n';
      if (!line.empty()) out += indent;
    }
    out += line;
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  out += "\"\"\"";
  if (syntax::DecodeStringToken(out) != value) return "";
  return out;
}

// ---------------------------------------------------------------- expressions

using enum ast::Level;

int LevelOf(const ast::Expr& e) {
  return std::visit(Overloaded{
                        [](const ast::Binary& b) { return int{ast::LevelOf(b.op)}; },
                        [](const ast::Unary& u) { return int{ast::LevelOf(u.op)}; },
                        [](const ast::Membership&) { return int{kRel}; },
                        [](const ast::Quantified&) { return int{kRel}; },
                        [](const ast::Presence&) { return int{kRel}; },
                        [](const ast::FieldAccess&) { return int{kPostfix}; },
                        [](const ast::Index&) { return int{kPostfix}; },
                        [](const auto&) { return int{kPrimary}; },
                    },
                    e.node);
}

// An `and` / `or` chain: the Binary, or null.
const ast::Binary* ChainOf(const ast::Expr& e) {
  const auto* b = std::get_if<ast::Binary>(&e.node);
  if (b && (b->op == ast::BinaryOp::kAnd || b->op == ast::BinaryOp::kOr)) return b;
  return nullptr;
}

// The operands of a left-nested chain `a op b op c`, in order (built without recursion).
std::vector<const ast::Expr*> Operands(const ast::Expr& e) {
  const ast::BinaryOp op = std::get<ast::Binary>(e.node).op;
  std::vector<const ast::Expr*> rhs;
  const ast::Expr* cur = &e;
  for (;;) {
    const ast::Binary* b = ChainOf(*cur);
    if (!b || b->op != op) break;
    rhs.push_back(b->rhs.get());
    cur = b->lhs.get();
  }
  std::vector<const ast::Expr*> out = {cur};
  out.insert(out.end(), rhs.rbegin(), rhs.rend());
  return out;
}

// How the continuation lines of a broken chain start: `aligned` puts the operator just before
// column `col` so that the operands line up under the first; otherwise the operator starts at
// column `col`.
struct Hang {
  bool aligned = false;
  int col = 0;
  int OpColumn(std::string_view op) const {
    return aligned ? col - static_cast<int>(op.size()) - 1 : col;
  }
};

// ---------------------------------------------------------------- the printer

class Printer {
 public:
  Printer(const SourceTokens& tokens, const FormatOptions& options, Layout& out)
      : tokens_(tokens), width_(options.width), out_(&out) {}

  void File(const ast::File& file);

 private:
  // A block item: where it starts in the source, and how to print it.
  struct Item {
    uint32_t start = 0;
    bool separated = false;  // one blank line before and after (clauses)
    std::function<void(Blank)> print;
  };

  // ---- output helpers
  void Text(std::string_view s) { out_->Add(s); }
  void Mark(uint32_t offset) { out_->Mark(offset); }
  void MarkToken(size_t t) {
    if (t != kNoToken) out_->MarkToken(t);
  }
  uint32_t StartOf(size_t t) const { return t == kNoToken ? UINT32_MAX : tokens_[t].span.begin; }
  // The keyword token just before the construct starting at byte `offset`.
  uint32_t KeywordBefore(uint32_t offset) const { return StartOf(tokens_.PrevCode(offset)); }

  template <typename F>
  std::string Measure(int column, F&& print) {
    Layout dry(tokens_, /*dry=*/true, column);
    Layout* saved = out_;
    out_ = &dry;
    print();
    out_ = saved;
    return dry.DryText();
  }
  template <typename F>
  std::string Measure(F&& print) {
    return Measure(out_->Column(), std::forward<F>(print));
  }
  bool Fits(std::string_view flat, int tail = 0) const {
    return flat.find('\n') == std::string_view::npos &&
           out_->Column() + TextWidth(flat) + tail <= width_;
  }

  void Items(std::vector<Item> items);
  void Close(int indent, size_t close);
  void OpenBlock(size_t open, size_t close, int indent, const std::function<void()>& body,
                 bool has_items);

  // ---- leaves
  void Name(const ast::Name& n);
  void Names(const std::vector<ast::Name>& names);
  void StringValue(std::string_view value, bool long_text);
  void StringToken(size_t t);
  void Ref(const ast::ClauseRef& r);
  void Date(const ast::Date& d);
  void DateValue(const ast::DateValue& d);
  void Window(const ast::Window& w);
  void Bindings(const std::vector<ast::Binding>& bindings);

  // ---- expressions
  void Expr(const ast::Expr& e, int min_level);
  void ExprNode(const ast::Expr& e);
  void Chain(const ast::Expr& e);
  bool MustBreak(const ast::Expr& e, int min_level) const;
  void BreakingExpr(const ast::Expr& e, int min_level, Hang hang, int tail);
  Hang TopHang() const;

  // ---- declarations
  void Taxonomy(const ast::Taxonomy& t, Blank blank);
  void Members(const std::vector<ast::TaxonomyMember>& members, uint32_t header, size_t open,
               int indent);
  bool InlineMember(const ast::TaxonomyMember& m, int indent, int pad);
  void Kind(const ast::Kind& k, Blank blank);
  bool DefineOnOneLine(const ast::Define& d);
  std::string DefineHead(const ast::Define& d) const;
  void Define(const ast::Define& d, Blank blank, int pad, int group);
  void Agreement(const ast::Agreement& a, Blank blank);
  void Clause(const ast::Clause& c, int indent, Blank blank);
  void Rule(const ast::Rule& r, int indent, Blank blank);
  void Scope(const ast::Scope& s, int indent);
  void Waiver(const ast::Waiver& w, Blank blank);
  void Test(const ast::Test& t, Blank blank);
  void GivenFact(const ast::GivenFact& g, int indent, Blank blank);
  void Expectation(const ast::Expectation& x, int indent, Blank blank);

  // The first token of `kind` with text `text` among the code tokens in (open, close).
  size_t FindKeyword(size_t open, size_t close, std::string_view text) const;
  // The `{` after byte `offset` and its `}`.
  std::pair<size_t, size_t> BracesAfter(uint32_t offset) const {
    size_t open = tokens_.NextCode(offset);
    while (open != kNoToken && tokens_[open].text != "{")
      open = tokens_.NextCode(tokens_[open].span.end);
    return {open, tokens_.Match(open)};
  }
  bool CommentsInside(size_t open, size_t close) const {
    return open != kNoToken && close != kNoToken &&
           tokens_.CommentBetween(tokens_[open].span.begin, tokens_[close].span.begin);
  }

  const SourceTokens& tokens_;
  int width_;
  Layout* out_;
  int align_groups_ = 0;
};

// ---------------------------------------------------------------- blocks

void Printer::Items(std::vector<Item> items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.start < b.start; });
  for (size_t i = 0; i < items.size(); ++i) {
    Blank blank = Blank::kKeep;
    if (i > 0 && (items[i].separated || items[i - 1].separated)) blank = Blank::kOne;
    items[i].print(blank);
  }
}

void Printer::Close(int indent, size_t close) {
  out_->NewLine(indent, Blank::kNone, StartOf(close));
  Text("}");
  out_->SetCloses();
}

// ` {` + the body on its own lines + `}`; ` {}` for an empty block without comments.
void Printer::OpenBlock(size_t open, size_t close, int indent, const std::function<void()>& body,
                        bool has_items) {
  if (!has_items && !CommentsInside(open, close)) {
    Text(" {}");
    MarkToken(close);
    return;
  }
  Text(" {");
  out_->SetOpens();
  body();
  Close(indent, close);
}

size_t Printer::FindKeyword(size_t open, size_t close, std::string_view text) const {
  if (open == kNoToken) return kNoToken;
  for (size_t t = tokens_.NextCode(tokens_[open].span.end); t != kNoToken && t != close;
       t = tokens_.NextCode(tokens_[t].span.end)) {
    if (tokens_[t].kind == TokenKind::kKeyword && tokens_[t].text == text) return t;
  }
  return kNoToken;
}

// ---------------------------------------------------------------- leaves

void Printer::Name(const ast::Name& n) {
  const size_t t = tokens_.At(n.span.begin);
  MarkToken(t);
  if (t != kNoToken && tokens_[t].kind == TokenKind::kString) {
    Text(base::QuoteString(n.text));
  } else {
    Text(n.text);
  }
}

void Printer::Names(const std::vector<ast::Name>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) Text(", ");
    Name(names[i]);
  }
}

// Long text stays long text (re-indented) when it reads back the same; a string is re-escaped.
void Printer::StringValue(std::string_view value, bool long_text) {
  if (long_text) {
    std::string text = LongText(value, out_->Column());
    if (!text.empty()) {
      Text(text);
      return;
    }
  }
  Text(base::QuoteString(value));
}

void Printer::StringToken(size_t t) {
  if (t == kNoToken) return;
  MarkToken(t);
  const syntax::Token& tok = tokens_[t];
  StringValue(syntax::DecodeStringToken(tok.text), tok.kind == TokenKind::kLongText);
}

void Printer::Ref(const ast::ClauseRef& r) {
  Mark(r.span.begin);
  Text(base::QuoteString(r.text));
}

void Printer::Date(const ast::Date& d) {
  Text(fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day));
}

void Printer::DateValue(const ast::DateValue& d) {
  Mark(d.span.begin);
  Date(d.date);
}

void Printer::Window(const ast::Window& w) {
  DateValue(w.from);
  if (w.until) {
    Text(" until ");
    DateValue(*w.until);
  }
}

void Printer::Bindings(const std::vector<ast::Binding>& bindings) {
  for (size_t i = 0; i < bindings.size(); ++i) {
    if (i > 0) Text(", ");
    Name(bindings[i].kind);
    if (bindings[i].alias) {
      Text(" as ");
      Name(*bindings[i].alias);
    }
  }
}

// ---------------------------------------------------------------- expressions

void Printer::Expr(const ast::Expr& e, int min_level) {
  const bool parens = LevelOf(e) < min_level;
  if (parens) Text("(");
  Mark(e.span.begin);
  ExprNode(e);
  if (parens) Text(")");
}

void Printer::Chain(const ast::Expr& e) {
  const ast::BinaryOp op = std::get<ast::Binary>(e.node).op;
  const int operand_level = op == ast::BinaryOp::kOr ? kAnd : kNot;
  const auto operands = Operands(e);
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) {
      Text(" ");
      MarkToken(tokens_.NextCode(operands[i - 1]->span.end));
      Text(ast::Spelling(op));
      Text(" ");
    }
    Expr(*operands[i], i == 0 ? LevelOf(e) : operand_level);
  }
}

void Printer::ExprNode(const ast::Expr& e) {
  std::visit(Overloaded{
                 [&](const ast::NumberLit& n) { Text(n.text); },
                 [&](const ast::StringLit& s) {
                   const size_t t = tokens_.SkipParens(e.span.begin);
                   StringValue(s.value, t != kNoToken && tokens_[t].kind == TokenKind::kLongText);
                 },
                 [&](const ast::BoolLit& b) { Text(b.value ? "true" : "false"); },
                 [&](const ast::DateLit& d) { Date(d.date); },
                 [&](const ast::DurationLit& d) {
                   const size_t number = tokens_.SkipParens(e.span.begin);
                   const size_t unit =
                       number == kNoToken ? kNoToken : tokens_.NextCode(tokens_[number].span.end);
                   if (unit != kNoToken && tokens_[number].kind == TokenKind::kNumber) {
                     Text(tokens_[number].text);
                     Text(" ");
                     MarkToken(unit);
                     Text(tokens_[unit].text);
                     return;
                   }
                   static constexpr const char* kUnits[] = {"days", "weeks", "months", "years"};
                   Text(fmt::format("{} {}", d.amount, kUnits[static_cast<int>(d.unit)]));
                 },
                 [&](const ast::TodayLit&) { Text("today"); },
                 [&](const ast::NameRef& n) { Text(n.name); },
                 [&](const ast::FieldAccess& f) {
                   // `(1).x`: a number right before `.` would read as a decimal point.
                   const bool number = std::holds_alternative<ast::NumberLit>(f.base->node);
                   Expr(*f.base, number ? kPrimary + 1 : kPostfix);
                   Text(".");
                   Name(f.field);
                 },
                 [&](const ast::Index& i) {
                   Expr(*i.base, kPostfix);
                   Text("[");
                   Expr(*i.key, kOr);
                   Text("]");
                 },
                 [&](const ast::Call& c) {
                   Name(c.callee);
                   Text("(");
                   for (size_t k = 0; k < c.args.size(); ++k) {
                     if (k > 0) Text(", ");
                     Expr(*c.args[k], kOr);
                   }
                   Text(")");
                 },
                 [&](const ast::ListLit& l) {
                   Text("[");
                   for (size_t k = 0; k < l.items.size(); ++k) {
                     if (k > 0) Text(", ");
                     Expr(*l.items[k], kOr);
                   }
                   Text("]");
                 },
                 [&](const ast::MapLit& m) {
                   if (m.entries.empty()) {
                     Text("{}");
                     return;
                   }
                   Text("{ ");
                   for (size_t k = 0; k < m.entries.size(); ++k) {
                     if (k > 0) Text(", ");
                     Name(m.entries[k].first);
                     Text(": ");
                     Expr(*m.entries[k].second, kOr);
                   }
                   Text(" }");
                 },
                 [&](const ast::Unary& u) {
                   if (u.op == ast::UnaryOp::kNot) {
                     Text("not ");
                     Expr(*u.operand, kNot);
                   } else {
                     Text("-");
                     Expr(*u.operand, kNeg);
                   }
                 },
                 [&](const ast::Binary& b) {
                   if (ChainOf(e)) {
                     Chain(e);
                     return;
                   }
                   const int level = LevelOf(e);
                   const int lhs_level = level == kRel ? kAdd : level;
                   const int rhs_level = level == kRel ? kAdd : level + 1;
                   Expr(*b.lhs, lhs_level);
                   Text(" ");
                   Text(ast::Spelling(b.op));
                   Text(" ");
                   Expr(*b.rhs, rhs_level);
                 },
                 [&](const ast::Membership& m) {
                   Expr(*m.element, kAdd);
                   Text(m.negated ? " not in " : " in ");
                   Expr(*m.set, kAdd);
                 },
                 [&](const ast::Quantified& q) {
                   Text(q.quantifier == ast::Quantifier::kAny   ? "any "
                        : q.quantifier == ast::Quantifier::kAll ? "all "
                                                                : "none ");
                   Expr(*q.list, kAdd);
                   Text(" in ");
                   Expr(*q.set, kAdd);
                 },
                 [&](const ast::Presence& p) {
                   Expr(*p.operand, kAdd);
                   Text(p.present ? " is present" : " is absent");
                 },
             },
             e.node);
}

// Whether `e`, printed where `min_level` is needed, holds a chain that comments force apart.
bool Printer::MustBreak(const ast::Expr& e, int min_level) const {
  (void)min_level;
  if (!ChainOf(e)) return false;
  const auto operands = Operands(e);
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  for (const ast::Expr* o : operands) spans.emplace_back(o->span.begin, o->span.end);
  if (tokens_.ChainHasInnerComments(spans)) return true;
  return std::any_of(operands.begin(), operands.end(),
                     [&](const ast::Expr* o) { return MustBreak(*o, kOr); });
}

// An expression that may break before its `and` / `or` when it does not fit in the line (or
// when comments sit between its operands): one operand per line, nested chains further in.
void Printer::BreakingExpr(const ast::Expr& e, int min_level, Hang hang, int tail) {
  if (!ChainOf(e)) {
    Expr(e, min_level);
    return;
  }
  if (LevelOf(e) < min_level) {
    Text("(");
    Mark(e.span.begin);
    BreakingExpr(e, kOr, Hang{false, out_->Column()}, tail + 1);
    Text(")");
    return;
  }
  const std::string flat = Measure([&] { Expr(e, min_level); });
  if (!MustBreak(e, min_level) && Fits(flat, tail)) {
    Expr(e, min_level);
    return;
  }
  const ast::BinaryOp op = std::get<ast::Binary>(e.node).op;
  const int operand_level = op == ast::BinaryOp::kOr ? kAnd : kNot;
  const auto operands = Operands(e);
  Mark(e.span.begin);
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) {
      out_->NewLine(hang.OpColumn(ast::Spelling(op)), Blank::kNone);
      MarkToken(tokens_.NextCode(operands[i - 1]->span.end));
      Text(ast::Spelling(op));
      Text(" ");
    }
    BreakingExpr(*operands[i], i == 0 ? LevelOf(e) : operand_level, Hang{false, out_->Column()},
                 i + 1 == operands.size() ? tail : 0);
  }
}

// The hang of a chain that starts at the current column after a keyword (`when `): aligned
// under its first operand when the operators fit before it, else two spaces in.
Hang Printer::TopHang() const {
  const int col = out_->Column();
  if (col - 4 > out_->indent()) return Hang{true, col};
  return Hang{false, out_->indent() + 2};
}

// ---------------------------------------------------------------- the file

void Printer::File(const ast::File& file) {
  // Runs of one-line `define`s on consecutive lines stay together, their `=` aligned.
  const size_t n = file.decls.size();
  std::vector<bool> one_line(n, false);
  std::vector<bool> joins_previous(n, false);
  for (size_t i = 0; i < n; ++i) {
    const auto* d = std::get_if<ast::Define>(&file.decls[i]);
    if (!d) continue;
    one_line[i] = DefineOnOneLine(*d);
    if (i == 0 || !one_line[i] || !one_line[i - 1]) continue;
    const size_t t = tokens_.At(d->span.begin);
    if (t == kNoToken || t == 0 || tokens_[t].newlines_before != 1) continue;
    const syntax::Token& before = tokens_[t - 1];
    const bool trailing_comment = before.is_comment() && before.newlines_before == 0 &&
                                  before.text.find('\n') == std::string::npos;
    // A comment inside the define would be moved above it, between the two lines.
    joins_previous[i] = (!before.is_comment() || trailing_comment) &&
                        !tokens_.CommentBetween(d->span.begin, d->span.end);
  }
  for (size_t i = 0; i < n;) {
    size_t end = i + 1;
    while (end < n && joins_previous[end]) ++end;
    int pad = 0;
    const int group = end - i > 1 ? align_groups_++ : -1;
    if (end - i > 1) {
      for (size_t k = i; k < end; ++k) {
        pad = std::max(pad, TextWidth(DefineHead(std::get<ast::Define>(file.decls[k]))));
      }
    }
    for (size_t k = i; k < end; ++k) {
      const Blank blank = k == 0 ? Blank::kKeep : k == i ? Blank::kOne : Blank::kNone;
      std::visit(Overloaded{
                     [&](const ast::Taxonomy& t) { Taxonomy(t, blank); },
                     [&](const ast::Kind& d) { Kind(d, blank); },
                     [&](const ast::Define& d) { Define(d, blank, pad, group); },
                     [&](const ast::Agreement& a) { Agreement(a, blank); },
                     [&](const ast::Waiver& w) { Waiver(w, blank); },
                     [&](const ast::Test& t) { Test(t, blank); },
                 },
                 file.decls[k]);
    }
    i = end;
  }
}

// ---------------------------------------------------------------- vocabulary

void Printer::Taxonomy(const ast::Taxonomy& t, Blank blank) {
  out_->NewLine(0, blank, t.span.begin);
  Text("taxonomy ");
  Name(t.name);
  const auto [open, close] = BracesAfter(t.name.span.end);
  Text(" ");
  Members(t.members, t.span.begin, open, 0);
}

// A member printed on one line with its children: `Azure { azure_openai azure_foundry }`.
bool Printer::InlineMember(const ast::TaxonomyMember& m, int indent, int pad) {
  if (m.children.empty()) return false;
  for (const auto& c : m.children) {
    if (!c.children.empty()) return false;
  }
  const auto [open, close] = BracesAfter(m.name.span.end);
  if (CommentsInside(open, close)) return false;
  int width = indent + std::max(pad, TextWidth(m.name.text)) + 3;
  for (const auto& c : m.children) width += TextWidth(c.name.text) + 1;
  return width + 1 <= width_;
}

// `{ … }` of a taxonomy or a member, from its `{` on: leaves only and no comment inside: on
// one line when it fits, else filled to the width; otherwise one member per line, the members
// with children shown on one line having their `{` aligned.
void Printer::Members(const std::vector<ast::TaxonomyMember>& members, uint32_t header, size_t open,
                      int indent) {
  const size_t close = tokens_.Match(open);
  const bool comments = CommentsInside(open, close);
  // A trailing comment on the header (`taxonomy t // …`) ends the `{` line of a filled list,
  // where it would be inside the braces next time: such a list is one member per line.
  const bool header_comment = tokens_.TrailingCommentOn(header, StartOf(open));
  if (members.empty() && !comments) {
    MarkToken(open);
    Text("{}");
    MarkToken(close);
    return;
  }
  const bool leaves = std::all_of(members.begin(), members.end(),
                                  [](const ast::TaxonomyMember& m) { return m.children.empty(); });
  MarkToken(open);
  if (leaves && !comments) {
    std::string flat = "{";
    for (const auto& m : members) flat += " " + m.name.text;
    flat += " }";
    if (Fits(flat)) {
      Text("{");
      for (const auto& m : members) {
        Text(" ");
        Name(m.name);
      }
      Text(" }");
      MarkToken(close);
      return;
    }
  }
  if (leaves && !comments && !header_comment) {
    Text("{");
    out_->SetOpens();
    out_->NewLine(indent + 2, Blank::kNone, members.front().name.span.begin);
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) {
        if (out_->Column() + 1 + TextWidth(members[i].name.text) > width_) {
          out_->NewLine(indent + 2, Blank::kNone);
        } else {
          Text(" ");
        }
      }
      Name(members[i].name);
    }
    Close(indent, close);
    return;
  }
  Text("{");
  out_->SetOpens();
  // First pass: which members go on one line with their children, and the widest such name.
  int pad = 0;
  for (const auto& m : members) {
    if (InlineMember(m, indent + 2, 0)) pad = std::max(pad, TextWidth(m.name.text));
  }
  for (const auto& m : members) {
    out_->NewLine(indent + 2, Blank::kKeep, m.name.span.begin);
    Name(m.name);
    if (m.children.empty()) continue;
    const auto [child_open, child_close] = BracesAfter(m.name.span.end);
    (void)child_close;
    if (InlineMember(m, indent + 2, 0)) {
      Text(std::string(static_cast<size_t>(pad - TextWidth(m.name.text)), ' '));
    }
    Text(" ");
    Members(m.children, m.name.span.begin, child_open, indent + 2);
  }
  Close(indent, close);
}

void Printer::Kind(const ast::Kind& k, Blank blank) {
  out_->NewLine(0, blank, k.span.begin);
  Text("kind ");
  Name(k.name);
  const auto [open, close] = BracesAfter(k.name.span.end);
  if (k.description) {
    Text(" ");
    StringToken(tokens_.NextCode(k.name.span.end));
  }
  int name_width = 0;
  for (const auto& f : k.fields) name_width = std::max(name_width, TextWidth(f.name.text));
  const int group = align_groups_++;
  std::vector<Item> items;
  for (const ast::Field& field : k.fields) {
    const ast::Field* f = &field;
    items.push_back(
        {f->span.begin, false, [this, f, group, name_width](Blank b) {
           out_->NewLine(2, b, f->span.begin);
           out_->SetAlignGroup(group);
           Name(f->name);
           Text(":");
           Text(std::string(static_cast<size_t>(name_width - TextWidth(f->name.text) + 1), ' '));
           Mark(f->type.span.begin);
           if (f->type.shape == ast::TypeRef::Shape::kList) Text("list of ");
           if (f->type.shape == ast::TypeRef::Shape::kMap) Text("map of ");
           Name(f->type.element);
           if (f->optional) Text(" optional");
         }});
  }
  if (k.active) {
    const ast::Active* a = &*k.active;
    items.push_back({a->span.begin, false, [this, a, group](Blank b) {
                       out_->NewLine(2, b, a->span.begin);
                       out_->SetAlignGroup(group);
                       Text(a->instant ? "active at " : "active from ");
                       Name(a->from);
                       if (a->until) {
                         Text(" until ");
                         Name(*a->until);
                       }
                     }});
  }
  const bool has_items = !items.empty();
  OpenBlock(
      open, close, 0, [&] { Items(std::move(items)); }, has_items);
}

std::string Printer::DefineHead(const ast::Define& d) const {
  std::string head = "define " + d.name.text;
  if (d.params) {
    head += "(";
    for (size_t i = 0; i < d.params->size(); ++i) {
      if (i > 0) head += ", ";
      head += (*d.params)[i].name.text + ": " + (*d.params)[i].kind.text;
    }
    head += ")";
  }
  return head;
}

// `define HEAD = BODY` on one line: it fits and no comment forces it apart.
bool Printer::DefineOnOneLine(const ast::Define& d) {
  if (MustBreak(*d.body, kOr)) return false;
  if (std::holds_alternative<ast::ListLit>(d.body->node)) {
    const size_t open = tokens_.SkipParens(d.body->span.begin);
    if (CommentsInside(open, tokens_.Match(open))) return false;
  }
  const std::string flat = Measure(0, [&] {
    Text(DefineHead(d) + " = ");
    Expr(*d.body, kOr);
  });
  return flat.find('\n') == std::string::npos && TextWidth(flat) <= width_;
}

void Printer::Define(const ast::Define& d, Blank blank, int pad, int group) {
  out_->NewLine(0, blank, d.span.begin);
  if (group >= 0) out_->SetAlignGroup(group);
  Text("define ");
  Name(d.name);
  if (d.params) {
    Text("(");
    for (size_t i = 0; i < d.params->size(); ++i) {
      if (i > 0) Text(", ");
      Name((*d.params)[i].name);
      Text(": ");
      Name((*d.params)[i].kind);
    }
    Text(")");
  }
  const int head = TextWidth(DefineHead(d));
  if (pad > head) Text(std::string(static_cast<size_t>(pad - head), ' '));
  Text(" =");
  if (DefineOnOneLine(d)) {
    Text(" ");
    Expr(*d.body, kOr);
    return;
  }
  // A list that does not fit: one item per line.
  if (const auto* list = std::get_if<ast::ListLit>(&d.body->node); list && !list->items.empty()) {
    const size_t open = tokens_.SkipParens(d.body->span.begin);
    const size_t close = tokens_.Match(open);
    Text(" [");
    MarkToken(open);
    out_->SetOpens();
    for (size_t i = 0; i < list->items.size(); ++i) {
      out_->NewLine(2, Blank::kKeep, list->items[i]->span.begin);
      Expr(*list->items[i], kOr);
      if (i + 1 < list->items.size()) Text(",");
    }
    out_->NewLine(0, Blank::kNone, StartOf(close));
    Text("]");
    out_->SetCloses();
    return;
  }
  out_->NewLine(2, Blank::kNone);
  BreakingExpr(*d.body, kOr, TopHang(), 0);
}

// ---------------------------------------------------------------- agreements

void Printer::Agreement(const ast::Agreement& a, Blank blank) {
  out_->NewLine(0, blank, a.span.begin);
  Text("agreement ");
  Name(a.id);
  const auto [open, close] = BracesAfter(a.id.span.end);
  if (tokens_.NextCode(a.id.span.end) != open) {
    Text(" ");
    StringToken(tokens_.NextCode(a.id.span.end));
  }
  std::vector<Item> items;
  if (!a.parties.empty()) {
    const uint32_t start = KeywordBefore(a.parties.front().span.begin);
    items.push_back({start, false, [&, start](Blank b) {
                       out_->NewLine(2, b, start);
                       Text("parties ");
                       Names(a.parties);
                     }});
  }
  if (a.effective) {
    const uint32_t start = KeywordBefore(a.effective->span.begin);
    items.push_back({start, false, [&, start](Blank b) {
                       out_->NewLine(2, b, start);
                       Text("effective ");
                       Window(*a.effective);
                     }});
  }
  if (a.amends) {
    const uint32_t start = KeywordBefore(a.amends->span.begin);
    items.push_back({start, false, [&, start](Blank b) {
                       out_->NewLine(2, b, start);
                       Text("amends ");
                       Name(*a.amends);
                     }});
  }
  for (const ast::Clause& clause : a.clauses) {
    const ast::Clause* c = &clause;
    items.push_back({c->span.begin, true, [this, c](Blank b) { Clause(*c, 2, b); }});
  }
  const bool has_items = !items.empty();
  OpenBlock(
      open, close, 0, [&] { Items(std::move(items)); }, has_items);
}

void Printer::Clause(const ast::Clause& c, int indent, Blank blank) {
  out_->NewLine(indent, blank, c.span.begin);
  Text("clause ");
  Name(c.id);
  const auto [open, close] = BracesAfter(c.id.span.end);
  if (tokens_.NextCode(c.id.span.end) != open) {
    Text(" ");
    StringToken(tokens_.NextCode(c.id.span.end));
  }
  const int in = indent + 2;
  std::vector<Item> items;
  auto simple = [&](uint32_t start, std::function<void()> body) {
    items.push_back({start, false, [this, in, start, body = std::move(body)](Blank b) {
                       out_->NewLine(in, b, start);
                       body();
                     }});
  };
  if (c.text) {
    const size_t kw = FindKeyword(open, close, "text");
    simple(StartOf(kw), [this, kw] {
      Text("text ");
      StringToken(tokens_.NextCode(tokens_[kw].span.end));
    });
  }
  if (c.severity) {
    simple(c.severity_span.begin, [this, &c] {
      Text("severity ");
      Text(base::SeverityName(*c.severity));
    });
  }
  if (c.effective) {
    simple(KeywordBefore(c.effective->span.begin), [this, &c] {
      Text("effective ");
      Window(*c.effective);
    });
  }
  if (c.replaces) {
    simple(KeywordBefore(c.replaces->span.begin), [this, &c] {
      Text("replaces ");
      Ref(*c.replaces);
    });
  }
  if (!c.overrides.empty()) {
    simple(KeywordBefore(c.overrides.front().span.begin), [this, &c] {
      Text("overrides ");
      for (size_t i = 0; i < c.overrides.size(); ++i) {
        if (i > 0) Text(", ");
        Ref(c.overrides[i]);
      }
    });
  }
  for (const ast::Rule& rule : c.rules) {
    const ast::Rule* r = &rule;
    items.push_back({r->span.begin, false, [this, r, in](Blank b) { Rule(*r, in, b); }});
  }
  if (c.message) {
    simple(KeywordBefore(c.message->span.begin), [this, &c] {
      Text("message ");
      StringToken(tokens_.At(c.message->span.begin));
    });
  }
  const bool has_items = !items.empty();
  OpenBlock(
      open, close, indent, [&] { Items(std::move(items)); }, has_items);
}

void Printer::Scope(const ast::Scope& s, int indent) {
  if (s.when) {
    out_->NewLine(indent, Blank::kNone, KeywordBefore(s.when->span.begin));
    Text("when ");
    BreakingExpr(*s.when, kOr, TopHang(), 0);
  }
  if (s.unless) {
    out_->NewLine(indent, Blank::kNone, KeywordBefore(s.unless->span.begin));
    Text("unless ");
    BreakingExpr(*s.unless, kOr, TopHang(), 0);
  }
}

void Printer::Rule(const ast::Rule& r, int indent, Blank blank) {
  out_->NewLine(indent, blank, r.span.begin);
  const bool scoped = r.scope.when || r.scope.unless;
  // What follows the scope (`to N …` of a limit, `by DATE` of an obligation): on its own line
  // after a scope, else on the rule's line.
  auto tail = [&](uint32_t start) {
    if (scoped) {
      out_->NewLine(indent + 2, Blank::kNone, start);
    } else {
      Text(" ");
      Mark(start);
    }
  };
  std::visit(
      Overloaded{
          [&](const ast::ForbidRule& f) {
            Text("forbid ");
            Bindings(f.bindings);
            Scope(r.scope, indent + 2);
          },
          [&](const ast::PermitRule& p) {
            Text("permit ");
            Bindings(p.bindings);
            Scope(r.scope, indent + 2);
          },
          [&](const ast::RequireRule& q) {
            Text("require ");
            BreakingExpr(*q.requirement, kOr, TopHang(), 0);
            Scope(r.scope, indent + 2);
          },
          [&](const ast::ExclusiveRule& x) {
            Text("exclusive ");
            Expr(*x.target, kOr);
            Text(" ");
            MarkToken(tokens_.PrevCode(x.value->span.begin));
            Text("to ");
            Expr(*x.value, kOr);
            Scope(r.scope, indent + 2);
          },
          [&](const ast::LimitRule& l) {
            if (l.sum) {
              Text("limit sum ");
              Expr(*l.summed, kOr);
            } else {
              Text("limit count ");
              Bindings(l.bindings);
            }
            Scope(r.scope, indent + 2);
            tail(KeywordBefore(l.cap->span.begin));
            Text("to ");
            Expr(*l.cap, kOr);
            if (l.per) {
              Text(" ");
              Mark(l.per->span.begin);
              Text("per ");
              if (l.per->rolling) {
                const size_t number = tokens_.NextCode(l.per->span.begin + 1);
                const size_t unit =
                    number == kNoToken ? kNoToken : tokens_.NextCode(tokens_[number].span.end);
                if (unit != kNoToken) {
                  Text(tokens_[number].text + " " + tokens_[unit].text);
                }
              } else {
                static constexpr const char* kUnits[] = {"day", "week", "month", "quarter", "year"};
                Text(kUnits[static_cast<int>(l.per->unit)]);
              }
            }
            if (l.group_by) {
              Text(" ");
              MarkToken(tokens_.PrevCode(l.group_by->span.begin));
              Text("by ");
              Expr(*l.group_by, kOr);
            }
          },
          [&](const ast::ExistsRule& x) {
            Text("require exists ");
            Bindings(x.bindings);
            Scope(r.scope, indent + 2);
            tail(KeywordBefore(x.due.span.begin));
            Text("by ");
            DateValue(x.due);
          },
      },
      r.body);
}

// ---------------------------------------------------------------- waivers and tests

void Printer::Waiver(const ast::Waiver& w, Blank blank) {
  out_->NewLine(0, blank, w.span.begin);
  Text("waiver ");
  Name(w.id);
  const auto [open, close] = BracesAfter(w.id.span.end);
  std::vector<Item> items;
  auto simple = [&](uint32_t start, std::function<void()> body) {
    items.push_back({start, false, [this, start, body = std::move(body)](Blank b) {
                       out_->NewLine(2, b, start);
                       body();
                     }});
  };
  if (w.clause) {
    simple(KeywordBefore(w.clause->span.begin), [this, &w] {
      Text("clause ");
      Ref(*w.clause);
    });
  }
  if (!w.facts.empty()) {
    simple(KeywordBefore(w.facts.front().span.begin), [this, &w] {
      Text("facts ");
      Names(w.facts);
    });
  }
  if (w.until) {
    simple(KeywordBefore(w.until->span.begin), [this, &w] {
      Text("until ");
      DateValue(*w.until);
    });
  }
  for (const char* keyword : {"approved_by", "reason"}) {
    const size_t kw = FindKeyword(open, close, keyword);
    if (kw == kNoToken) continue;
    simple(StartOf(kw), [this, kw, keyword] {
      Text(keyword);
      Text(" ");
      StringToken(tokens_.NextCode(tokens_[kw].span.end));
    });
  }
  const bool has_items = !items.empty();
  OpenBlock(
      open, close, 0, [&] { Items(std::move(items)); }, has_items);
}

void Printer::Test(const ast::Test& t, Blank blank) {
  out_->NewLine(0, blank, t.span.begin);
  Text("test ");
  Name(t.name);
  const auto [open, close] = BracesAfter(t.name.span.end);
  std::vector<Item> items;
  if (t.as_of) {
    const uint32_t start = KeywordBefore(t.as_of->span.begin);
    items.push_back({start, false, [this, &t, start](Blank b) {
                       out_->NewLine(2, b, start);
                       Text("as_of ");
                       DateValue(*t.as_of);
                     }});
  }
  for (const auto& g : t.given) {
    if (const auto* file = std::get_if<ast::GivenFile>(&g)) {
      items.push_back({file->span.begin, false, [this, file](Blank b) {
                         out_->NewLine(2, b, file->span.begin);
                         Text("given file ");
                         StringToken(tokens_.At(file->span.end - 1));
                       }});
    } else {
      const ast::GivenFact* fact = &std::get<ast::GivenFact>(g);
      items.push_back({fact->span.begin, false, [this, fact](Blank b) { GivenFact(*fact, 2, b); }});
    }
  }
  for (const ast::Expectation& expectation : t.expectations) {
    const ast::Expectation* x = &expectation;
    items.push_back({x->span.begin, false, [this, x](Blank b) { Expectation(*x, 2, b); }});
  }
  const bool has_items = !items.empty();
  OpenBlock(
      open, close, 0, [&] { Items(std::move(items)); }, has_items);
}

// `given KIND { field: value, … }`: on one line when it fits, else filled to the width with
// the fields aligned after `{ `; one field per line when comments sit inside the braces.
void Printer::GivenFact(const ast::GivenFact& g, int indent, Blank blank) {
  out_->NewLine(indent, blank, g.span.begin);
  Text("given ");
  Name(g.kind);
  Text(" ");
  const auto [open, close] = BracesAfter(g.kind.span.end);
  MarkToken(open);
  if (g.fields.empty() && !CommentsInside(open, close)) {
    Text("{}");
    MarkToken(close);
    return;
  }
  auto field = [&](size_t i) {
    Name(g.fields[i].first);
    Text(": ");
    Expr(*g.fields[i].second, kOr);
  };
  // One field per line when comments sit inside the braces, or when a trailing comment on
  // `given KIND` would end the first line of the filled form, inside the braces.
  const bool one_per_line =
      CommentsInside(open, close) ||
      (tokens_.TrailingCommentOn(g.span.begin, StartOf(open)) && !Fits(Measure([&] {
         Text("{ ");
         for (size_t i = 0; i < g.fields.size(); ++i) {
           if (i > 0) Text(", ");
           field(i);
         }
         Text(" }");
       })));
  if (one_per_line) {
    Text("{");
    out_->SetOpens();
    for (size_t i = 0; i < g.fields.size(); ++i) {
      out_->NewLine(indent + 2, Blank::kKeep, g.fields[i].first.span.begin);
      field(i);
      if (i + 1 < g.fields.size()) Text(",");
    }
    Close(indent, close);
    return;
  }
  const std::string flat = Measure([&] {
    Text("{ ");
    for (size_t i = 0; i < g.fields.size(); ++i) {
      if (i > 0) Text(", ");
      field(i);
    }
    Text(" }");
  });
  if (Fits(flat)) {
    Text("{ ");
    for (size_t i = 0; i < g.fields.size(); ++i) {
      if (i > 0) Text(", ");
      field(i);
    }
    Text(" }");
    MarkToken(close);
    return;
  }
  Text("{ ");
  const int column = out_->Column();
  for (size_t i = 0; i < g.fields.size(); ++i) {
    const bool last = i + 1 == g.fields.size();
    const std::string piece = Measure([&] { field(i); }) + (last ? " }" : ",");
    if (i > 0) {
      if (!Fits(" " + piece)) {
        out_->NewLine(column, Blank::kNone);
      } else {
        Text(" ");
      }
    }
    field(i);
    Text(last ? " }" : ",");
  }
  MarkToken(close);
}

void Printer::Expectation(const ast::Expectation& x, int indent, Blank blank) {
  using Form = ast::Expectation::Form;
  out_->NewLine(indent, blank, x.span.begin);
  switch (x.form) {
    case Form::kViolation:
      Text("expect violation ");
      break;
    case Form::kNoViolation:
      Text("expect no violation");
      break;
    case Form::kWaived:
      Text("expect waived ");
      break;
    case Form::kPending:
      Text("expect pending ");
      break;
    case Form::kFindings: {
      Text("expect findings ");
      const size_t number = tokens_.At(x.span.end - 1);
      MarkToken(number);
      Text(number == kNoToken ? std::to_string(x.count) : tokens_[number].text);
      return;
    }
  }
  if (x.clause) {
    if (x.form == Form::kNoViolation) Text(" ");
    Ref(*x.clause);
  }
  if (!x.on.empty()) {
    Text(" on ");
    Names(x.on);
  }
}

// ---------------------------------------------------------------- checking the result

std::vector<std::string> CommentTexts(const std::vector<syntax::Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    if (t.is_comment()) out.push_back(t.text);
  }
  return out;
}

}  // namespace

FormatResult Format(const base::SourceFile& file, base::DiagnosticEngine& diags,
                    const FormatOptions& options) {
  const size_t errors = diags.error_count();
  const ast::File tree = syntax::Parse(file, diags);
  if (diags.error_count() != errors) return {FormatResult::Outcome::kSyntaxErrors, ""};
  base::DiagnosticEngine scratch;  // the parse above reported every lexical error already
  std::vector<syntax::Token> tokens = syntax::Tokenize(file, scratch);
  const std::vector<std::string> comments = CommentTexts(tokens);
  SourceTokens source(std::move(tokens));
  Layout layout(source);
  Printer(source, options, layout).File(tree);
  std::string text = layout.Finish();
  if (!options.verify) return {FormatResult::Outcome::kFormatted, std::move(text)};

  // INVARIANT: what fmt writes means what the author wrote, comments included.
  base::SourceSet check;
  const base::FileId id = check.Add(file.path(), text);
  base::DiagnosticEngine again;
  const ast::File reparsed = syntax::Parse(check.Get(id), again);
  auto bug = [&](std::string what) {
    return FormatResult{FormatResult::Outcome::kBug,
                        fmt::format("formatting `{}` {}", file.path(), what)};
  };
  if (again.has_errors()) {
    const std::vector<base::Diagnostic> sorted = again.Sorted();
    const base::Diagnostic& d = sorted.front();
    return bug(
        fmt::format("gives text that does not parse ({} at line {})", d.message, d.span.line));
  }
  if (ast::DumpFile(tree) != ast::DumpFile(reparsed)) {
    return bug("would change its meaning (the reparsed AST differs)");
  }
  if (CommentTexts(syntax::Tokenize(check.Get(id), again)) != comments) {
    return bug("would lose or reorder comments");
  }
  return {FormatResult::Outcome::kFormatted, std::move(text)};
}

}  // namespace treaty::format
