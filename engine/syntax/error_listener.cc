#include "syntax/error_listener.h"

#include <algorithm>
#include <set>

#include "TreatyParser.h"
#include "base/did_you_mean.h"
#include "base/text.h"

namespace treaty::syntax {

namespace {

using P = treaty_grammar::TreatyParser;

// Tokens that can start an expression.
constexpr size_t kExprStart[] = {
    P::NUMBER, P::STRING,   P::LONG_STRING, P::DATE,  P::TRUE, P::FALSE, P::TODAY, P::IDENT,
    P::COUNT,  P::LBRACKET, P::LPAREN,      P::MINUS, P::NOT,  P::ANY,   P::ALL,   P::NONE};
// Tokens that can continue an expression after an operand.
constexpr size_t kOperators[] = {P::AND, P::OR,       P::EQ,   P::NE,    P::LT,   P::LE,
                                 P::GT,  P::GE,       P::PLUS, P::MINUS, P::STAR, P::SLASH,
                                 P::DOT, P::LBRACKET, P::IN,   P::IS,    P::NOT,  P::LPAREN};
constexpr size_t kClauseItems[] = {P::TEXT,     P::SEVERITY,  P::MESSAGE, P::EFFECTIVE,
                                   P::REPLACES, P::OVERRIDES, P::FORBID,  P::PERMIT,
                                   P::REQUIRE,  P::EXCLUSIVE, P::LIMIT};
constexpr size_t kDeclarations[] = {P::TAXONOMY,  P::KIND,   P::DEFINE,
                                    P::AGREEMENT, P::WAIVER, P::TEST};
constexpr size_t kUnits[] = {P::DAY,   P::DAYS,   P::WEEK, P::WEEKS,
                             P::MONTH, P::MONTHS, P::YEAR, P::YEARS};
constexpr size_t kRules[] = {P::FORBID, P::PERMIT, P::REQUIRE, P::EXCLUSIVE, P::LIMIT};

template <size_t N>
bool ContainsAll(const std::set<size_t>& s, const size_t (&group)[N]) {
  return std::all_of(std::begin(group), std::end(group), [&](size_t t) { return s.count(t); });
}
template <size_t N>
void RemoveAll(std::set<size_t>& s, const size_t (&group)[N]) {
  for (size_t t : group) s.erase(t);
}
template <size_t N>
bool In(size_t t, const size_t (&group)[N]) {
  return std::find(std::begin(group), std::end(group), t) != std::end(group);
}

std::string Ticked(std::string_view s) { return fmt::format("`{}`", s); }

// `'when'` -> `when`.
std::string LiteralOf(size_t type, const antlr4::dfa::Vocabulary& vocab) {
  std::string lit = vocab.getLiteralName(type);
  if (lit.size() >= 2 && lit.front() == '\'') lit = lit.substr(1, lit.size() - 2);
  return lit;
}

std::vector<size_t> TypesOf(const antlr4::misc::IntervalSet& set) {
  std::vector<size_t> out;
  for (const auto& iv : set.getIntervals()) {
    for (ssize_t t = iv.a; t <= iv.b && out.size() < 512; ++t) {
      if (t == -1) {
        out.push_back(antlr4::Token::EOF);
      } else if (t > 0) {
        out.push_back(static_cast<size_t>(t));
      }
    }
  }
  return out;
}

bool Has(const std::vector<size_t>& v, size_t t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

// What a clause item keyword means when it turns up outside a clause.
std::string MisplacedHelp(const antlr4::Token& tok, const std::vector<size_t>& expected) {
  const size_t t = tok.getType();
  if (In(t, kClauseItems) && Has(expected, P::CLAUSE)) {
    return fmt::format("`{}` belongs inside a clause: move it into a `clause \"ID\" {{ … }}` block",
                       tok.getText());
  }
  if ((t == P::PARTIES || t == P::AMENDS) && Has(expected, P::FORBID)) {
    return fmt::format("`{}` belongs to the agreement: move it out of the clause", tok.getText());
  }
  if (In(t, kDeclarations) && !Has(expected, antlr4::Token::EOF)) {
    return "declarations cannot be nested: close the one before first";
  }
  return "";
}

}  // namespace

bool IsKeyword(size_t type) { return type >= P::AGREEMENT && type <= P::YEARS; }

void RecordingErrorStrategy::sync(antlr4::Parser* recognizer) {
  const size_t index = recognizer->getCurrentToken()->getTokenIndex();
  if (index != index_) {
    index_ = index;
    states_.clear();
  }
  if (states_.size() < 64) states_.emplace_back(recognizer->getState(), recognizer->getContext());
  DefaultErrorStrategy::sync(recognizer);
}

std::vector<size_t> RecordingErrorStrategy::ExpectedAt(antlr4::Parser& parser, size_t index) const {
  std::vector<size_t> out;
  if (index != index_) return out;
  for (const auto& [state, ctx] : states_) {
    for (size_t t : TypesOf(parser.getATN().getExpectedTokens(state, ctx))) out.push_back(t);
  }
  return out;
}

std::string DescribeExpected(const std::vector<size_t>& types, const antlr4::dfa::Vocabulary& vocab,
                             std::string_view eof) {
  std::set<size_t> s(types.begin(), types.end());
  // (rank, text): specific keywords first, then groups, then closing brackets, then the end.
  std::vector<std::pair<int, std::string>> parts;
  if (s.count(P::NUMBER) && s.count(P::IDENT) && s.count(P::LPAREN)) {
    RemoveAll(s, kExprStart);
    parts.push_back({500, "an expression"});
  }
  if (s.count(P::AND) && s.count(P::OR)) {
    RemoveAll(s, kOperators);
    parts.push_back({510, "an operator"});
  }
  if (ContainsAll(s, kClauseItems)) {
    RemoveAll(s, kClauseItems);
    parts.push_back({520, "a clause item"});
  }
  if (ContainsAll(s, kDeclarations)) {
    RemoveAll(s, kDeclarations);
    parts.push_back({530, "a declaration"});
  }
  if (ContainsAll(s, kUnits)) {
    RemoveAll(s, kUnits);
    parts.push_back({540, "a unit (`days`, `weeks`, `months` or `years`)"});
  }
  if (s.count(P::STRING)) s.erase(P::LONG_STRING);
  if (s.count(P::COLON) && s.count(P::FROM) && s.count(P::AT)) {  // after a kind's field name
    s.erase(P::FROM);
    s.erase(P::AT);
    s.erase(P::COLON);
    parts.push_back({-3, "`:` and a type"});
  }
  for (size_t t : s) {
    int rank = static_cast<int>(t);
    std::string text;
    switch (t) {
      case antlr4::Token::EOF:
        rank = 1000;
        text = std::string(eof);
        break;
      case P::IDENT:
        rank = 400;
        text = "a name";
        break;
      case P::STRING:
      case P::LONG_STRING:
        rank = 410;
        text = "a string";
        break;
      case P::NUMBER:
        rank = 420;
        text = "a number";
        break;
      case P::DATE:
        rank = 430;
        text = "a date such as `2026-03-01`";
        break;
      case P::WHEN:
        rank = -2;
        break;
      case P::UNLESS:
        rank = -1;
        break;
      case P::RBRACE:
      case P::RPAREN:
      case P::RBRACKET:
        rank = 900 + rank;
        break;
      default:
        break;
    }
    if (text.empty()) text = Ticked(LiteralOf(t, vocab));
    parts.push_back({rank, text});
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> texts;
  for (auto& p : parts) texts.push_back(std::move(p.second));
  if (texts.empty()) return "something else";
  return base::JoinList(texts, "or");
}

std::string DescribeToken(const antlr4::Token& token, std::string_view eof) {
  const size_t t = token.getType();
  if (t == antlr4::Token::EOF) return std::string(eof);
  std::string text = token.getText();
  if (IsKeyword(t)) return fmt::format("keyword `{}`", text);
  if (t == P::STRING || t == P::LONG_STRING) {
    if (text.size() > 24) text = text.substr(0, 20) + "…\"";
    return fmt::format("the string `{}`", text);
  }
  return Ticked(text);
}

ErrorListener::ErrorListener(const SpanMaker& spans, base::DiagnosticEngine& diags, Mode mode,
                             std::string eof_found, std::vector<const antlr4::Token*> unclosed)
    : spans_(spans),
      diags_(diags),
      mode_(mode),
      eof_found_(std::move(eof_found)),
      unclosed_(std::move(unclosed)) {}

void ErrorListener::Attach(antlr4::Parser& parser) {
  strategy_ = std::make_shared<RecordingErrorStrategy>();
  parser.setErrorHandler(strategy_);
  parser.removeErrorListeners();
  parser.addErrorListener(this);
}

void ErrorListener::Add(base::Diagnostic d) {
  if (failed_) return;
  failed_ = true;
  diags_.Add(std::move(d));
}

void ErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                size_t /*line*/, size_t /*col*/, const std::string& /*msg*/,
                                std::exception_ptr e) {
  if (failed_) return;
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (!parser || !offending) {
    // The lexer has a catch-all rule and never reports; keep a safe fallback anyway.
    auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer);
    const size_t at = lexer ? lexer->tokenStartCharIndex : 0;
    Add(base::MakeDiagnostic(base::DiagCode::T0104, spans_.Range(at, at + 1), "?"));
    return;
  }
  std::vector<size_t> expected;
  bool have = false;
  if (e) {
    try {
      std::rethrow_exception(e);
    } catch (const antlr4::RecognitionException& re) {
      expected = TypesOf(re.getExpectedTokens());
      have = true;
    } catch (...) {
    }
  }
  if (!have) expected = TypesOf(parser->getExpectedTokens());
  Report(*parser, *offending, std::move(expected), false);
}

void ErrorListener::ReportTrailing(antlr4::Parser& parser, const antlr4::Token& token) {
  Report(parser, token, {antlr4::Token::EOF}, true);
}

void ErrorListener::Report(antlr4::Parser& parser, const antlr4::Token& token,
                           std::vector<size_t> expected, bool trailing) {
  if (strategy_ && !trailing) {
    for (size_t t : strategy_->ExpectedAt(parser, token.getTokenIndex())) {
      if (!Has(expected, t)) expected.push_back(t);
    }
  }
  const auto& vocab = parser.getVocabulary();
  const bool interpolation = mode_ == Mode::kInterpolation;
  const std::string eof_expected = interpolation ? "`}`" : "a new declaration";
  const std::string found = DescribeToken(token, eof_found_);
  std::string wanted = DescribeExpected(expected, vocab, eof_expected);

  // The previous token, to point just after it when the problem is at the end of a line.
  const antlr4::Token* prev = nullptr;
  if (token.getTokenIndex() > 0 && token.getTokenIndex() != INVALID_INDEX) {
    prev = parser.getTokenStream()->get(token.getTokenIndex() - 1);
  }
  // Point just after the previous token when the token is on a later line and what is missing
  // is punctuation or a literal (a `{`, a `)`, a name): the gap is where it belongs. A wrong
  // keyword or name is pointed at itself.
  const bool only_small = std::all_of(expected.begin(), expected.end(), [](size_t t) {
    return (t >= P::LBRACE && t <= P::SLASH) || t == P::IDENT || t == P::STRING ||
           t == P::LONG_STRING || t == P::NUMBER || t == P::DATE;
  });
  const bool at_gap =
      prev && !trailing &&
      (token.getType() == antlr4::Token::EOF || (token.getLine() > prev->getLine() && only_small));
  const base::Span span = at_gap ? spans_.After(prev) : spans_.Of(&token);

  if (interpolation) {
    Add(base::MakeDiagnostic(base::DiagCode::T0111, span,
                             fmt::format("expected {}, found {}", wanted, found))
            .WithLabel(at_gap ? "" : "not expected here")
            .WithHelp("an interpolation holds one expression, such as `{deployment.model}`"));
    return;
  }

  // A reserved keyword where a name is expected (and not an expression).
  if (IsKeyword(token.getType()) && Has(expected, P::IDENT) && !Has(expected, P::NUMBER)) {
    Add(base::MakeDiagnostic(base::DiagCode::T0106, spans_.Of(&token), token.getText())
            .WithLabel("reserved keyword")
            .WithHelp(fmt::format("rename it, for example `{}_`", token.getText())));
    return;
  }

  // The end of the declaration with a bracket still open.
  if (token.getType() == antlr4::Token::EOF && !unclosed_.empty()) {
    const antlr4::Token* open = unclosed_.back();
    const size_t ot = open->getType();
    const char* closer = ot == P::LBRACE ? "}" : ot == P::LPAREN ? ")" : "]";
    const size_t closer_type = ot == P::LBRACE   ? P::RBRACE
                               : ot == P::LPAREN ? P::RPAREN
                                                 : P::RBRACKET;
    if (Has(expected, closer_type)) {
      const base::Span open_span = spans_.Of(open);
      Add(base::MakeDiagnostic(base::DiagCode::T0117, span, closer, open->getText(), open_span.line)
              .WithLabel(fmt::format("expected `{}` here", closer))
              .WithNote(open_span, fmt::format("this `{}` is never closed", open->getText()))
              .WithHelp(fmt::format("add the missing `{}`", closer)));
      return;
    }
  }

  // An item of an enclosing block (`clause` inside a clause): the block before is not closed.
  const size_t type = token.getType();
  if ((type == P::CLAUSE || type == P::PARTIES || type == P::AMENDS) && Has(expected, P::RBRACE) &&
      !Has(expected, type) && prev) {
    const antlr4::Token* open = nullptr;
    std::vector<const antlr4::Token*> stack;
    for (size_t i = 0; i < token.getTokenIndex(); ++i) {
      const antlr4::Token* t = parser.getTokenStream()->get(i);
      if (t->getType() == P::LBRACE) stack.push_back(t);
      if (t->getType() == P::RBRACE && !stack.empty()) stack.pop_back();
    }
    if (!stack.empty()) open = stack.back();
    if (open) {
      const base::Span open_span = spans_.Of(open);
      Add(base::MakeDiagnostic(base::DiagCode::T0117, spans_.After(prev), "}", "{", open_span.line)
              .WithLabel("expected `}` here")
              .WithNote(open_span, "this `{` is never closed")
              .WithHelp(fmt::format("add `}}` before `{}`", token.getText())));
      return;
    }
  }

  base::Diagnostic d = base::MakeDiagnostic(base::DiagCode::T0101, span, wanted, found);
  if (at_gap) d.label = fmt::format("expected {} here", wanted);
  std::string help = MisplacedHelp(token, expected);
  if (help.empty() && token.getType() == P::IDENT) {
    std::vector<std::string> words;
    for (size_t t : expected) {
      if (IsKeyword(t)) words.push_back(LiteralOf(t, vocab));
    }
    if (Has(expected, antlr4::Token::EOF) || Has(expected, P::TAXONOMY)) {
      for (size_t t : kDeclarations) words.push_back(LiteralOf(t, vocab));
    }
    if (Has(expected, P::FORBID)) {
      for (size_t t : kRules) words.push_back(LiteralOf(t, vocab));
    }
    std::vector<std::string_view> views(words.begin(), words.end());
    help = base::DidYouMean(token.getText(), views);
  }
  if (help.empty() && Has(expected, antlr4::Token::EOF) && !Has(expected, P::TAXONOMY)) {
    help =
        "a declaration starts with `taxonomy`, `kind`, `define`, `agreement`, `waiver` or "
        "`test`";
  }
  if (help.empty() && Has(expected, P::COLON) && Has(expected, P::FROM)) {
    help = "a field is written `name: type`, as in `start: date`";
  }
  if (help.empty() && Has(expected, P::WHEN) && Has(expected, P::UNLESS)) {
    help =
        "a rule may be followed by `when CONDITION` and `unless CONDITION`, then the next "
        "clause item";
  }
  d.help = std::move(help);
  Add(std::move(d));
}

}  // namespace treaty::syntax
