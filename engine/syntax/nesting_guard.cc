#include "syntax/nesting_guard.h"

#include "TreatyLexer.h"

namespace treaty::syntax {

namespace {

using L = treaty_grammar::TreatyLexer;

bool IsOpener(size_t t) { return t == L::LPAREN || t == L::LBRACKET || t == L::LBRACE; }
bool IsCloser(size_t t) { return t == L::RPAREN || t == L::RBRACKET || t == L::RBRACE; }

// Tokens after which a `-` is binary (they end an operand).
bool EndsOperand(size_t t) {
  switch (t) {
    case L::IDENT:
    case L::NUMBER:
    case L::STRING:
    case L::LONG_STRING:
    case L::DATE:
    case L::TRUE:
    case L::FALSE:
    case L::TODAY:
    case L::RPAREN:
    case L::RBRACKET:
    case L::ABSENT:
    case L::PRESENT:
    case L::DAY:
    case L::DAYS:
    case L::WEEK:
    case L::WEEKS:
    case L::MONTH:
    case L::MONTHS:
    case L::YEAR:
    case L::YEARS:
    case L::QUARTER:
      return true;
    default:
      return false;
  }
}

// Operators that make an expression one level deeper (left-deep chains).
bool IsChainOperator(size_t t) {
  switch (t) {
    case L::AND:
    case L::OR:
    case L::EQ:
    case L::NE:
    case L::LT:
    case L::LE:
    case L::GT:
    case L::GE:
    case L::PLUS:
    case L::STAR:
    case L::SLASH:
    case L::IN:
    case L::IS:
    case L::DOT:
    case L::LBRACKET:
      return true;
    default:
      return false;
  }
}

// Tokens that may appear inside an expression; any other token ends it.
bool InExpression(size_t t) {
  if (EndsOperand(t) || IsChainOperator(t) || IsOpener(t) || IsCloser(t)) return true;
  switch (t) {
    case L::NOT:
    case L::MINUS:
    case L::ANY:
    case L::ALL:
    case L::NONE:
    case L::COUNT:
    case L::COMMA:
      return true;
    default:
      return false;
  }
}

}  // namespace

GuardResult NestingGuard::Scan(const std::vector<const antlr4::Token*>& tokens,
                               const SpanMaker& spans, base::DiagnosticEngine& diags) const {
  GuardResult result;
  std::vector<uint32_t> saved_ops;  // operator count when each open bracket was opened
  uint32_t ops = 0;
  uint32_t prefix_run = 0;
  size_t prev = 0;  // type of the previous token (0: none)
  auto fail = [&](base::Diagnostic d) {
    diags.Add(std::move(d));
    result.ok = false;
    return result;
  };
  for (const antlr4::Token* tok : tokens) {
    const size_t t = tok->getType();
    const bool prefix = (t == L::NOT || t == L::MINUS) && !EndsOperand(prev);
    if (IsOpener(t)) {
      if (t == L::LBRACKET && EndsOperand(prev)) ++ops;  // a map lookup `x["k"]`
      if (saved_ops.size() >= options_.max_nesting) {
        return fail(base::MakeDiagnostic(base::DiagCode::T0105, spans.Of(tok), options_.max_nesting)
                        .WithLabel("this bracket is one level too many")
                        .WithHelp("split the expression into smaller `define`s"));
      }
      saved_ops.push_back(ops);
      result.unclosed.push_back(tok);
      prefix_run = 0;
    } else if (IsCloser(t)) {
      if (!saved_ops.empty()) {
        ops = saved_ops.back();
        saved_ops.pop_back();
        result.unclosed.pop_back();
      }
      prefix_run = 0;
    } else if (prefix) {
      if (++prefix_run > options_.max_nesting) {
        return fail(base::MakeDiagnostic(base::DiagCode::T0105, spans.Of(tok), options_.max_nesting)
                        .WithLabel("too many prefix operators in a row")
                        .WithHelp("two `not`s, or two `-`s, cancel out: remove them in pairs"));
      }
    } else if (t == L::COMMA || !InExpression(t)) {
      ops = saved_ops.empty() ? 0 : saved_ops.back();
      prefix_run = 0;
    } else {
      if (IsChainOperator(t) || t == L::MINUS) {
        if (++ops > options_.max_operators) {
          return fail(
              base::MakeDiagnostic(base::DiagCode::T0118, spans.Of(tok), options_.max_operators)
                  .WithLabel("the expression is too long from here on")
                  .WithHelp("split the expression into smaller `define`s"));
        }
      }
      prefix_run = 0;
    }
    prev = t;
  }
  return result;
}

}  // namespace treaty::syntax
