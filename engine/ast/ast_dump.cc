#include "ast/ast_dump.h"

#include <fmt/format.h>

#include "base/escape.h"

namespace treaty::ast {

namespace {

using base::QuoteString;

bool IsIdentifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// A name as an atom: bare when it is an identifier, quoted otherwise.
std::string Atom(std::string_view s) { return IsIdentifier(s) ? std::string(s) : QuoteString(s); }

std::string DateText(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

const char* UnitName(DurationUnit u) {
  switch (u) {
    case DurationUnit::kDay:
      return "day";
    case DurationUnit::kWeek:
      return "week";
    case DurationUnit::kMonth:
      return "month";
    case DurationUnit::kYear:
      return "year";
  }
  return "?";
}

std::string Dump(const ExprPtr& e) { return e ? DumpExpr(*e) : "null"; }

std::string DumpDuration(const DurationLit& d) {
  return fmt::format("(duration {} {})", d.amount, UnitName(d.unit));
}

struct ExprDumper {
  std::string operator()(const NumberLit& n) const {
    return fmt::format("(number {} {})", n.value, QuoteString(n.text));
  }
  std::string operator()(const StringLit& s) const { return QuoteString(s.value); }
  std::string operator()(const BoolLit& b) const { return b.value ? "true" : "false"; }
  std::string operator()(const DateLit& d) const {
    return fmt::format("(date {})", DateText(d.date));
  }
  std::string operator()(const DurationLit& d) const { return DumpDuration(d); }
  std::string operator()(const TodayLit&) const { return "today"; }
  std::string operator()(const NameRef& n) const { return Atom(n.name); }
  std::string operator()(const FieldAccess& f) const {
    return fmt::format("(. {} {})", Dump(f.base), Atom(f.field.text));
  }
  std::string operator()(const Index& i) const {
    return fmt::format("(index {} {})", Dump(i.base), Dump(i.key));
  }
  std::string operator()(const Call& c) const {
    std::string out = "(call " + Atom(c.callee.text);
    for (const auto& a : c.args) out += " " + Dump(a);
    return out + ")";
  }
  std::string operator()(const ListLit& l) const {
    std::string out = "(list";
    for (const auto& i : l.items) out += " " + Dump(i);
    return out + ")";
  }
  std::string operator()(const MapLit& m) const {
    std::string out = "(map";
    for (const auto& [k, v] : m.entries) out += fmt::format(" ({} {})", Atom(k.text), Dump(v));
    return out + ")";
  }
  std::string operator()(const Unary& u) const {
    return fmt::format("({} {})", u.op == UnaryOp::kNot ? "not" : "neg", Dump(u.operand));
  }
  std::string operator()(const Binary& b) const {
    return fmt::format("({} {} {})", Spelling(b.op), Dump(b.lhs), Dump(b.rhs));
  }
  std::string operator()(const Membership& m) const {
    return fmt::format("({} {} {})", m.negated ? "not-in" : "in", Dump(m.element), Dump(m.set));
  }
  std::string operator()(const Quantified& q) const {
    const char* name = q.quantifier == Quantifier::kAny   ? "any"
                       : q.quantifier == Quantifier::kAll ? "all"
                                                          : "none";
    return fmt::format("({} {} {})", name, Dump(q.list), Dump(q.set));
  }
  std::string operator()(const Presence& p) const {
    return fmt::format("({} {})", p.present ? "present" : "absent", Dump(p.operand));
  }
};

// Accumulates lines with indentation.
class Writer {
 public:
  void Line(int depth, std::string_view text) {
    out_.append(static_cast<size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string WindowText(const Window& w) {
  std::string out = DateText(w.from.date);
  if (w.until) out += " until " + DateText(w.until->date);
  return out;
}

std::string Bindings(const std::vector<Binding>& bs) {
  std::string out = "(bindings";
  for (const auto& b : bs) {
    out += b.alias ? fmt::format(" ({} as {})", Atom(b.kind.text), Atom(b.alias->text))
                   : " " + Atom(b.kind.text);
  }
  return out + ")";
}

void DumpMember(Writer& w, int depth, const TaxonomyMember& m) {
  if (m.children.empty()) {
    w.Line(depth, fmt::format("(member {})", Atom(m.name.text)));
    return;
  }
  w.Line(depth, fmt::format("(member {}", Atom(m.name.text)));
  for (const auto& c : m.children) DumpMember(w, depth + 1, c);
  w.Line(depth, ")");
}

std::string TypeText(const TypeRef& t) {
  switch (t.shape) {
    case TypeRef::Shape::kList:
      return fmt::format("(list-of {})", Atom(t.element.text));
    case TypeRef::Shape::kMap:
      return fmt::format("(map-of {})", Atom(t.element.text));
    case TypeRef::Shape::kScalar:
      break;
  }
  return Atom(t.element.text);
}

void DumpRule(Writer& w, int depth, const Rule& r) {
  std::string head;
  std::vector<std::string> parts;
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, ForbidRule>) {
          head = "forbid " + Bindings(body.bindings);
        } else if constexpr (std::is_same_v<T, PermitRule>) {
          head = "permit " + Bindings(body.bindings);
        } else if constexpr (std::is_same_v<T, RequireRule>) {
          head = "require " + Dump(body.requirement);
        } else if constexpr (std::is_same_v<T, ExclusiveRule>) {
          head = fmt::format("exclusive {} (to {})", Dump(body.target), Dump(body.value));
        } else if constexpr (std::is_same_v<T, LimitRule>) {
          head = body.sum ? "limit sum " + Dump(body.summed)
                          : "limit count " + Bindings(body.bindings);
          parts.push_back("(cap " + Dump(body.cap) + ")");
          if (body.per) {
            const char* unit = "";
            switch (body.per->unit) {
              case PeriodUnit::kDay:
                unit = "day";
                break;
              case PeriodUnit::kWeek:
                unit = "week";
                break;
              case PeriodUnit::kMonth:
                unit = "month";
                break;
              case PeriodUnit::kQuarter:
                unit = "quarter";
                break;
              case PeriodUnit::kYear:
                unit = "year";
                break;
              case PeriodUnit::kRolling:
                unit = "";
                break;
            }
            parts.push_back(body.per->rolling ? "(per " + DumpDuration(*body.per->rolling) + ")"
                                              : fmt::format("(per {})", unit));
          }
          if (body.group_by) parts.push_back("(by " + Dump(body.group_by) + ")");
        } else if constexpr (std::is_same_v<T, ExistsRule>) {
          head = "exists " + Bindings(body.bindings);
          parts.push_back("(by " + DateText(body.due.date) + ")");
        }
      },
      r.body);
  std::string scope;
  if (r.scope.when) scope += " (when " + Dump(r.scope.when) + ")";
  if (r.scope.unless) scope += " (unless " + Dump(r.scope.unless) + ")";
  std::string tail;
  for (const auto& p : parts) tail += " " + p;
  w.Line(depth, "(" + head + scope + tail + ")");
}

void DumpClause(Writer& w, int depth, const Clause& c) {
  w.Line(depth, fmt::format("(clause {} {}", Atom(c.id.text), QuoteString(c.title)));
  if (c.text) w.Line(depth + 1, "(text " + QuoteString(*c.text) + ")");
  if (c.severity) {
    w.Line(depth + 1, fmt::format("(severity {})", base::SeverityName(*c.severity)));
  }
  if (c.message) {
    std::string parts;
    for (const auto& p : c.message->parts) {
      if (const auto* s = std::get_if<std::string>(&p.part)) {
        parts += " " + QuoteString(*s);
      } else {
        parts += " {" + Dump(std::get<ExprPtr>(p.part)) + "}";
      }
    }
    w.Line(depth + 1, fmt::format("(message {}{})", QuoteString(c.message->raw), parts));
  }
  if (c.effective) w.Line(depth + 1, "(effective " + WindowText(*c.effective) + ")");
  if (c.replaces) w.Line(depth + 1, "(replaces " + QuoteString(c.replaces->text) + ")");
  if (!c.overrides.empty()) {
    std::string o = "(overrides";
    for (const auto& r : c.overrides) o += " " + QuoteString(r.text);
    w.Line(depth + 1, o + ")");
  }
  for (const auto& r : c.rules) DumpRule(w, depth + 1, r);
  w.Line(depth, ")");
}

void DumpDeclTo(Writer& w, const Decl& decl) {
  std::visit(
      [&](const auto& d) {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, Taxonomy>) {
          w.Line(0, "(taxonomy " + Atom(d.name.text));
          for (const auto& m : d.members) DumpMember(w, 1, m);
          w.Line(0, ")");
        } else if constexpr (std::is_same_v<T, Kind>) {
          w.Line(0, "(kind " + Atom(d.name.text) +
                        (d.description ? " " + QuoteString(*d.description) : std::string()));
          for (const auto& f : d.fields) {
            w.Line(1, fmt::format("(field {} {}{})", Atom(f.name.text), TypeText(f.type),
                                  f.optional ? " optional" : ""));
          }
          if (d.active) {
            if (d.active->instant) {
              w.Line(1, fmt::format("(active at {})", Atom(d.active->from.text)));
            } else {
              w.Line(1, fmt::format("(active from {}{})", Atom(d.active->from.text),
                                    d.active->until ? " until " + Atom(d.active->until->text)
                                                    : std::string()));
            }
          }
          w.Line(0, ")");
        } else if constexpr (std::is_same_v<T, Define>) {
          std::string params;
          if (d.params) {
            params = " (params";
            for (const auto& p : *d.params) {
              params += fmt::format(" ({} {})", Atom(p.name.text), Atom(p.kind.text));
            }
            params += ")";
          }
          w.Line(0, fmt::format("(define {}{} {})", Atom(d.name.text), params, Dump(d.body)));
        } else if constexpr (std::is_same_v<T, Agreement>) {
          w.Line(0, fmt::format("(agreement {} {}", Atom(d.id.text), QuoteString(d.title)));
          if (!d.parties.empty()) {
            std::string p = "(parties";
            for (const auto& n : d.parties) p += " " + Atom(n.text);
            w.Line(1, p + ")");
          }
          if (d.effective) w.Line(1, "(effective " + WindowText(*d.effective) + ")");
          if (d.amends) w.Line(1, "(amends " + Atom(d.amends->text) + ")");
          for (const auto& c : d.clauses) DumpClause(w, 1, c);
          w.Line(0, ")");
        } else if constexpr (std::is_same_v<T, Waiver>) {
          w.Line(0, "(waiver " + Atom(d.id.text));
          if (d.clause) w.Line(1, "(clause " + QuoteString(d.clause->text) + ")");
          if (!d.facts.empty()) {
            std::string f = "(facts";
            for (const auto& n : d.facts) f += " " + QuoteString(n.text);
            w.Line(1, f + ")");
          }
          if (d.until) w.Line(1, "(until " + DateText(d.until->date) + ")");
          if (d.approved_by) w.Line(1, "(approved_by " + QuoteString(*d.approved_by) + ")");
          if (d.reason) w.Line(1, "(reason " + QuoteString(*d.reason) + ")");
          w.Line(0, ")");
        } else if constexpr (std::is_same_v<T, Test>) {
          w.Line(0, "(test " + QuoteString(d.name.text));
          if (d.as_of) w.Line(1, "(as_of " + DateText(d.as_of->date) + ")");
          for (const auto& g : d.given) {
            if (const auto* f = std::get_if<GivenFile>(&g)) {
              w.Line(1, "(given-file " + QuoteString(f->path) + ")");
              continue;
            }
            const auto& fact = std::get<GivenFact>(g);
            std::string line = "(given " + Atom(fact.kind.text);
            for (const auto& [k, v] : fact.fields) {
              line += fmt::format(" ({} {})", Atom(k.text), Dump(v));
            }
            w.Line(1, line + ")");
          }
          for (const auto& x : d.expectations) {
            std::string line;
            switch (x.form) {
              case Expectation::Form::kViolation:
                line = "(expect-violation";
                break;
              case Expectation::Form::kNoViolation:
                line = "(expect-no-violation";
                break;
              case Expectation::Form::kWaived:
                line = "(expect-waived";
                break;
              case Expectation::Form::kPending:
                line = "(expect-pending";
                break;
              case Expectation::Form::kFindings:
                line = fmt::format("(expect-findings {}", x.count);
                break;
            }
            if (x.clause) line += " " + QuoteString(x.clause->text);
            if (!x.on.empty()) {
              line += " (on";
              for (const auto& n : x.on) line += " " + QuoteString(n.text);
              line += ")";
            }
            w.Line(1, line + ")");
          }
          w.Line(0, ")");
        }
      },
      decl);
}

}  // namespace

std::string DumpExpr(const Expr& expr) { return std::visit(ExprDumper{}, expr.node); }

std::string DumpDecl(const Decl& decl) {
  Writer w;
  DumpDeclTo(w, decl);
  return w.Take();
}

std::string DumpFile(const File& file) {
  Writer w;
  for (const auto& d : file.decls) DumpDeclTo(w, d);
  if (!file.broken_names.empty()) {
    std::string b = "(broken";
    for (const auto& n : file.broken_names) b += " " + Atom(n);
    w.Line(0, b + ")");
  }
  return w.Take();
}

}  // namespace treaty::ast
