#pragma once
/// Fuzz support: a structure-aware generator of whole portfolios. From a stream of choices it
/// writes policy text following grammar/Treaty.g4 and the type rules of docs/language.md:
/// taxonomies (families, names shared between taxonomies), kinds (every field type, `active`),
/// definitions (constants, predicates calling predicates, deep expressions), agreements with
/// clauses of every rule form (forbid with joins, permit, require, exclusive, limit count/sum
/// with periods and groups, require exists), windows, replaces/overrides (cycles included),
/// messages with interpolations, waivers and tests — plus fact files (YAML and JSONL) over the
/// same vocabulary. Most output type-checks, so runs reach the planner and the evaluator; a few
/// choices are deliberately wrong (and `Mutate` damages text) to reach the error paths too.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/escape.h"
#include "choices.h"
#include "report/json_writer.h"

namespace treaty::fuzzing {

// ---------------------------------------------------------------- the model being generated

enum class Base : uint8_t { kText, kNumber, kBool, kDate, kMember, kDuration };
enum class Shape : uint8_t { kScalar, kList, kMap };

struct Ty {
  Base base = Base::kBool;
  Shape shape = Shape::kScalar;
  int tax = -1;  // for kMember
  bool operator==(const Ty&) const = default;
  Ty Scalar() const { return Ty{base, Shape::kScalar, tax}; }
  Ty ListOf() const { return Ty{base, Shape::kList, tax}; }
};

struct TaxModel {
  std::string name;
  std::vector<std::string> members;  // every member, families included
};

struct FieldModel {
  std::string name;
  Ty ty;
  bool optional = false;
};

struct KindModel {
  std::string name;
  std::vector<FieldModel> fields;
  bool active = false;  // has an `active` line (overlaps() needs it)
};

struct DefModel {
  std::string name;
  std::vector<int> params;  // kinds; empty for a constant
  Ty ty;                    // of a constant; bool for a predicate
};

/// A literal value, rendered as policy text (a test's `given`), YAML or JSON.
struct Val {
  enum class T : uint8_t { kText, kNumber, kBool, kDate, kMember, kList, kMap } t = T::kText;
  std::string s;           // the scalar as written (text unquoted)
  std::string key;         // of a map entry (an item of a kMap)
  std::vector<Val> items;  // of a list, or a map's entries
};

struct FactModel {
  int kind = 0;
  std::string id;
  std::vector<std::pair<std::string, Val>> fields;
};

struct Generated {
  std::map<std::string, std::string> files;  // path -> text
  std::vector<std::string> policy_files;     // under "p/"
  std::vector<std::string> fact_files;       // under "f/"
  std::string as_of = "2026-01-01";
};

// ---------------------------------------------------------------- escaping

// The engine's own escapes: policy text as `treaty fmt` writes a string literal
// (base::QuoteString); fact files as the JSON writer writes a string (report::AppendJsonString),
// which is also a YAML double-quoted scalar.

inline std::string JsonQuote(std::string_view s) {
  std::string out;
  report::AppendJsonString(out, s);
  return out;
}

// ---------------------------------------------------------------- the generator

class PortfolioGen {
 public:
  explicit PortfolioGen(Choices& c) : c_(c) {}

  Generated Run() {
    Generated out;
    PickPools();
    GenTaxonomies();
    GenKinds();
    GenFacts();
    std::string vocab = TaxonomyText() + KindText();
    std::string defs = GenDefinitions();
    // Definitions in their own file or with the vocabulary: declarations are order-free.
    if (c_.Coin()) {
      vocab += defs;
    } else {
      Add(out, "p/definitions.treaty", defs);
    }
    Add(out, "p/vocabulary.treaty", vocab);
    PlanAgreements();
    for (size_t a = 0; a < agreements_.size(); ++a) {
      Add(out, "p/agreement_" + std::to_string(a) + ".treaty", AgreementText(a));
    }
    Add(out, "p/waivers.treaty", WaiversText());
    Add(out, "p/tests/tests.treaty", TestsText());
    // Facts: some YAML, some JSONL, one fact file may hold several kinds.
    const uint32_t nfiles = 1 + c_.Below(3);
    std::vector<std::vector<const FactModel*>> per_file(nfiles);
    for (const auto& f : facts_) per_file[c_.Below(nfiles)].push_back(&f);
    for (uint32_t i = 0; i < nfiles; ++i) {
      const bool jsonl = c_.Coin();
      std::string path = "f/facts_" + std::to_string(i) + (jsonl ? ".jsonl" : ".yaml");
      out.files[path] = jsonl ? Jsonl(per_file[i]) : Yaml(per_file[i]);
      out.fact_files.push_back(path);
    }
    out.as_of = c_.Pick(dates_);
    return out;
  }

 private:
  // ------------------------------------------------------------ pools shared by rules and facts

  void PickPools() {
    static const std::vector<std::string> kDates = {
        "2019-07-22", "2023-01-23", "2024-02-29", "2024-12-31", "2025-01-01", "2025-03-31",
        "2025-06-30", "2025-10-28", "2025-12-29", "2026-01-01", "2026-02-28", "2026-03-01",
        "2026-12-31", "2027-01-04", "2030-05-14", "2000-02-29", "1970-01-01", "0001-01-01",
        "9999-12-31", "2100-03-01", "1900-02-28", "2026-06-30", "2026-07-01", "2032-12-31"};
    static const std::vector<std::string> kTexts = {"gpt-5",
                                                    "gpt-oss-20b",
                                                    "OpenAI",
                                                    "co_marketing",
                                                    "",
                                                    " ",
                                                    "a",
                                                    "A",
                                                    "credit",
                                                    "Microsoft",
                                                    "AWS",
                                                    "Ünïcödé",
                                                    "日本語",
                                                    "\xe2\x80\xae"
                                                    "rtl",
                                                    "e\xcc\x81",
                                                    "\"q\"",
                                                    "back\\slash",
                                                    "tab\there",
                                                    "line\nbreak",
                                                    "{brace}",
                                                    "%s%n",
                                                    "\xf0\x9f\x98\x80"};
    static const std::vector<std::string> kNumbers = {
        "0",   "1",     "2",   "3",         "10",     "38",
        "0.5", "1_000", "4.5", "999999999", "0.0001", "9007199254740993",
        "1e3"};
    // A handful of each, so that rules and facts meet on the same values.
    for (int i = 0; i < 6; ++i) dates_.push_back(c_.Pick(kDates));
    for (int i = 0; i < 5; ++i) texts_.push_back(c_.Pick(kTexts));
    for (int i = 0; i < 5; ++i) {
      std::string n = c_.Pick(kNumbers);
      if (n == "1e3" && !c_.Chance(1, 64)) n = "7";  // not a Treaty number: rarely
      numbers_.push_back(n);
    }
  }

  // ------------------------------------------------------------ vocabulary

  void GenTaxonomies() {
    static const std::vector<std::string> kTaxNames = {"cloud", "region", "segment",
                                                       "api",   "tier",   "zone"};
    static const std::vector<std::string> kWords = {"Azure",  "AWS", "Google", "Oracle",  "us",
                                                    "eu",     "jp",  "smb",    "startup", "bedrock",
                                                    "vertex", "oci", "na",     "emea",    "apac"};
    const uint32_t n = 1 + c_.Below(4);
    for (uint32_t t = 0; t < n; ++t) {
      TaxModel tax;
      tax.name = kTaxNames[t];
      const uint32_t m = 1 + c_.Below(7);
      for (uint32_t i = 0; i < m; ++i) {
        std::string w = c_.Pick(kWords);
        // Mostly unique names; now and then a bare word that another taxonomy may share.
        std::string name = c_.Chance(1, 6) ? w : w + "_" + std::to_string(t) + std::to_string(i);
        if (std::find(tax.members.begin(), tax.members.end(), name) != tax.members.end()) {
          name += "_" + std::to_string(i);
        }
        tax.members.push_back(name);
      }
      taxes_.push_back(std::move(tax));
    }
  }

  std::string TaxonomyText() {
    std::string out;
    for (const auto& tax : taxes_) {
      out += "taxonomy " + tax.name + " {\n";
      // Families: a member may open braces holding the members after it.
      size_t i = 0;
      while (i < tax.members.size()) {
        out += "  " + tax.members[i];
        ++i;
        if (i < tax.members.size() && c_.Chance(1, 3)) {
          size_t k = 1 + c_.Below(static_cast<uint32_t>(tax.members.size() - i));
          out += " {";
          for (size_t j = 0; j < k; ++j) out += " " + tax.members[i + j];
          out += " }";
          i += k;
        }
        out += "\n";
      }
      out += "}\n\n";
    }
    return out;
  }

  Ty RandomScalarType() {
    switch (c_.Below(6)) {
      case 0:
        return Ty{Base::kText};
      case 1:
        return Ty{Base::kNumber};
      case 2:
        return Ty{Base::kBool};
      case 3:
        return Ty{Base::kDate};
      default:
        return Ty{Base::kMember, Shape::kScalar, static_cast<int>(c_.Below(taxes_.size()))};
    }
  }

  void GenKinds() {
    static const std::vector<std::string> kKindNames = {"deployment", "deal", "commitment",
                                                        "contact"};
    const uint32_t n = 1 + c_.Below(3);
    for (uint32_t k = 0; k < n; ++k) {
      KindModel kind;
      kind.name = kKindNames[k];
      const uint32_t nf = 1 + c_.Below(8);
      for (uint32_t i = 0; i < nf; ++i) {
        FieldModel f;
        f.ty = RandomScalarType();
        const uint32_t shape = c_.Below(8);
        if (shape == 0) f.ty.shape = Shape::kList;
        if (shape == 1) f.ty.shape = Shape::kMap;
        f.optional = c_.Chance(1, 3);
        f.name = std::string(1, "tnbdmD"[static_cast<int>(f.ty.base)]) +
                 (f.ty.shape == Shape::kList  ? "s"
                  : f.ty.shape == Shape::kMap ? "m"
                                              : "") +
                 std::to_string(i);
        kind.fields.push_back(f);
      }
      kinds_.push_back(std::move(kind));
    }
  }

  std::string KindText() {
    std::string out;
    for (auto& kind : kinds_) {
      out += "kind " + kind.name;
      if (c_.Coin()) out += " " + base::QuoteString("the " + kind.name + " kind");
      out += " {\n";
      std::vector<std::string> dates;
      for (const auto& f : kind.fields) {
        out += "  " + f.name + ": ";
        if (f.ty.shape == Shape::kList) out += "list of ";
        if (f.ty.shape == Shape::kMap) out += "map of ";
        out += TypeName(f.ty);
        if (f.optional) out += " optional";
        out += "\n";
        if (f.ty == Ty{Base::kDate}) dates.push_back(f.name);
      }
      if (!dates.empty() && !c_.Chance(1, 4)) {
        kind.active = true;
        const std::string& from = c_.Pick(dates);
        if (c_.Coin()) {
          out += "  active at " + from + "\n";
        } else {
          out += "  active from " + from;
          if (c_.Coin()) out += " until " + c_.Pick(dates);  // may be the same field
          out += "\n";
        }
      }
      out += "}\n\n";
    }
    return out;
  }

  std::string TypeName(const Ty& t) const {
    switch (t.base) {
      case Base::kText:
        return "text";
      case Base::kNumber:
        return "number";
      case Base::kBool:
        return "bool";
      case Base::kDate:
        return "date";
      case Base::kMember:
        return taxes_[t.tax].name;
      case Base::kDuration:
        return "duration";  // not a field type: an error on purpose
    }
    return "text";
  }

  // ------------------------------------------------------------ values

  Val Scalar(const Ty& t) {
    Val v;
    switch (t.base) {
      case Base::kText:
        v.t = Val::T::kText;
        v.s = c_.Pick(texts_);
        break;
      case Base::kNumber:
        v.t = Val::T::kNumber;
        v.s = c_.Pick(numbers_);
        break;
      case Base::kBool:
        v.t = Val::T::kBool;
        v.s = c_.Coin() ? "true" : "false";
        break;
      case Base::kDate:
      case Base::kDuration:
        v.t = Val::T::kDate;
        v.s = c_.Pick(dates_);
        break;
      case Base::kMember:
        v.t = Val::T::kMember;
        v.s = c_.Pick(taxes_[t.tax].members);
        break;
    }
    return v;
  }

  Val ValueOf(const Ty& t) {
    if (t.shape == Shape::kScalar) return Scalar(t);
    Val v;
    const uint32_t n = c_.Below(4);
    if (t.shape == Shape::kList) {
      v.t = Val::T::kList;
      for (uint32_t i = 0; i < n; ++i) v.items.push_back(Scalar(t));
    } else {
      v.t = Val::T::kMap;
      for (uint32_t i = 0; i < n; ++i) {
        v.items.push_back(Scalar(t));
        v.items.back().key = MapKey();
      }
    }
    return v;
  }

  std::string MapKey() { return c_.Pick({"Microsoft", "AWS", "k", "", "Ünï", "a b"}); }

  void GenFacts() {
    static const std::vector<std::string> kIds = {"f1", "f2", "f3",  "f4", "f5", "dup",
                                                  "x",  "ид", "a b", "f6", "f7", "f8"};
    const uint32_t n = c_.Below(24);
    for (uint32_t i = 0; i < n; ++i) {
      FactModel f;
      f.kind = static_cast<int>(c_.Below(kinds_.size()));
      f.id = c_.Chance(1, 10) ? c_.Pick(kIds) : "f" + std::to_string(i);
      for (const auto& field : kinds_[f.kind].fields) {
        if (field.optional && c_.Chance(1, 3)) continue;
        if (c_.Chance(1, 64)) continue;  // a missing required field: rejected
        f.fields.emplace_back(field.name, ValueOf(field.ty));
      }
      facts_.push_back(std::move(f));
    }
  }

  // ------------------------------------------------------------ expressions

  struct Var {
    std::string name;
    int kind;
  };
  using Env = std::vector<Var>;

  /// Every field reachable in `env` with type `t`: "v.f".
  std::vector<std::string> FieldsOf(const Env& env, const Ty& t) const {
    std::vector<std::string> out;
    for (const auto& v : env) {
      for (const auto& f : kinds_[v.kind].fields) {
        if (f.ty == t) out.push_back(v.name + "." + f.name);
      }
    }
    return out;
  }

  /// Map fields whose values have scalar type `t`: "v.m[key]".
  std::vector<std::string> LookupsOf(const Env& env, const Ty& t) {
    std::vector<std::string> out;
    Ty m = t;
    m.shape = Shape::kMap;
    for (const auto& f : FieldsOf(env, m))
      out.push_back(f + "[" + base::QuoteString(MapKey()) + "]");
    return out;
  }

  std::string MemberRef(int tax) {
    const std::string& m = c_.Pick(taxes_[tax].members);
    if (c_.Chance(1, 8)) return taxes_[tax].name + "." + m;
    if (c_.Chance(1, 16)) return taxes_[tax].name;  // the root covers every member
    return m;
  }

  std::string Literal(const Ty& t) {
    switch (t.base) {
      case Base::kText:
        return base::QuoteString(c_.Pick(texts_));
      case Base::kNumber:
        return c_.Pick(numbers_);
      case Base::kBool:
        return c_.Coin() ? "true" : "false";
      case Base::kDate:
        return c_.Pick(dates_);
      case Base::kMember:
        return MemberRef(t.tax);
      case Base::kDuration:
        return std::to_string(c_.Chance(1, 8) ? c_.Range(0, 4000000) : c_.Range(0, 400)) + " " +
               c_.Pick({"day", "days", "week", "weeks", "month", "months", "year", "years"});
    }
    return "0";
  }

  /// Constant definitions of type `t` (lists for `in`).
  std::vector<std::string> ConstsOf(const Ty& t) const {
    std::vector<std::string> out;
    for (const auto& d : defs_) {
      if (d.params.empty() && d.ty == t) out.push_back(d.name);
    }
    return out;
  }

  std::string ListLiteral(const Ty& scalar, const Env& env, int depth) {
    std::string out = "[";
    const uint32_t n = c_.Below(4) + (scalar.base == Base::kMember ? 1 : 0);
    for (uint32_t i = 0; i < n; ++i) {
      if (i) out += ", ";
      out += c_.Chance(1, 6) ? Expr(scalar, env, depth - 1) : Literal(scalar);
    }
    return out + "]";
  }

  /// An operand: a compound expression in brackets, so that precedence never changes its
  /// meaning (`a == b == c` does not parse; `d - x - y` is not `d - (x - y)`).
  std::string Operand(const Ty& t, const Env& env, int depth) {
    std::string e = Expr(t, env, depth);
    if (e.find(' ') == std::string::npos) return e;
    return "(" + e + ")";
  }

  /// An expression of type `t` over `env`, at most `depth` deep.
  std::string Expr(const Ty& t, const Env& env, int depth) {
    if (t.shape == Shape::kList) {
      auto fields = FieldsOf(env, t);
      auto consts = ConstsOf(t);
      if (!fields.empty() && c_.Coin()) return c_.Pick(fields);
      if (!consts.empty() && c_.Coin()) return c_.Pick(consts);
      return ListLiteral(t.Scalar(), env, depth);
    }
    if (depth <= 0) return Leaf(t, env);
    switch (t.base) {
      case Base::kBool:
        return BoolExpr(env, depth);
      case Base::kNumber: {
        switch (c_.Below(7)) {
          case 0:
          case 1: {
            const char* op = c_.Pick({" + ", " - ", " * ", " / "});
            return Operand(t, env, depth - 1) + op + Operand(t, env, depth - 1);
          }
          case 2:
            return "-" + Operand(t, env, depth - 1);
          case 3:
            return "(" + Operand(t, env, depth - 1) + ")";
          case 4:
            return "count(" + Operand(AnyListType(), env, depth - 1) + ")";
          default:
            return Leaf(t, env);
        }
      }
      case Base::kDate: {
        switch (c_.Below(5)) {
          case 0:
            return Operand(t, env, depth - 1) + (c_.Coin() ? " + " : " - ") +
                   Operand(Ty{Base::kDuration}, env, depth - 1);
          case 1:
            return "(" + Operand(t, env, depth - 1) + ")";
          default:
            return Leaf(t, env);
        }
      }
      case Base::kDuration: {
        switch (c_.Below(4)) {
          case 0:
            return Operand(Ty{Base::kDate}, env, depth - 1) + " - " +
                   Operand(Ty{Base::kDate}, env, depth - 1);
          case 1:
            return Operand(t, env, depth - 1) + (c_.Coin() ? " + " : " - ") +
                   Operand(t, env, depth - 1);
          default:
            return Leaf(t, env);
        }
      }
      case Base::kText:
        if (c_.Chance(1, 4)) return "lower(" + Operand(t, env, depth - 1) + ")";
        return Leaf(t, env);
      case Base::kMember:
        return Leaf(t, env);
    }
    return Leaf(t, env);
  }

  Ty AnyListType() {
    Ty t = RandomScalarType();
    t.shape = Shape::kList;
    return t;
  }

  std::string Leaf(const Ty& t, const Env& env) {
    auto fields = FieldsOf(env, t);
    if (t.base != Base::kDuration && c_.Chance(1, 5)) {
      auto lookups = LookupsOf(env, t);
      if (!lookups.empty()) return c_.Pick(lookups);
    }
    if (!fields.empty() && c_.Chance(2, 3)) return c_.Pick(fields);
    if (t.base == Base::kDate && c_.Chance(1, 4)) return "today";
    auto consts = ConstsOf(t);
    if (!consts.empty() && c_.Coin()) return c_.Pick(consts);
    return Literal(t);
  }

  std::string BoolExpr(const Env& env, int depth) {
    switch (c_.Below(16)) {
      case 0:
        return Operand(Ty{}, env, depth - 1) + " and " + Operand(Ty{}, env, depth - 1);
      case 1:
        return Operand(Ty{}, env, depth - 1) + " or " + Operand(Ty{}, env, depth - 1);
      case 2:
        return "not " + Operand(Ty{}, env, depth - 1);
      case 3:
        return "(" + Operand(Ty{}, env, depth - 1) + ")";
      case 4:
      case 5: {  // comparison
        Ty t = RandomScalarType();
        if (c_.Chance(1, 6)) t = Ty{Base::kDuration};
        const bool ordered =
            t.base == Base::kNumber || t.base == Base::kDate || t.base == Base::kDuration;
        const char* op = ordered ? c_.Pick({" == ", " != ", " < ", " <= ", " > ", " >= "})
                                 : c_.Pick({" == ", " != "});
        return Operand(t, env, depth - 1) + op + Operand(t, env, depth - 1);
      }
      case 6:
      case 7: {  // x [not] in S
        Ty t = RandomScalarType();
        std::string set;
        if (t.base == Base::kMember && c_.Coin()) {
          set = MemberRef(t.tax);
        } else {
          set = Operand(t.ListOf(), env, depth - 1);
        }
        return Operand(t, env, depth - 1) + (c_.Chance(1, 3) ? " not in " : " in ") + set;
      }
      case 8: {  // any/all/none L in S
        Ty t = RandomScalarType();
        std::string set = t.base == Base::kMember && c_.Coin()
                              ? MemberRef(t.tax)
                              : Operand(t.ListOf(), env, depth - 1);
        return std::string(c_.Pick({"any ", "all ", "none "})) +
               Operand(t.ListOf(), env, depth - 1) + " in " + set;
      }
      case 9: {  // presence
        std::vector<std::string> targets;
        for (const auto& v : env) {
          for (const auto& f : kinds_[v.kind].fields) {
            if (f.ty.shape == Shape::kMap) {
              targets.push_back(v.name + "." + f.name + "[" + base::QuoteString(MapKey()) + "]");
            } else if (f.optional || c_.Chance(1, 4)) {
              targets.push_back(v.name + "." + f.name);
            }
          }
        }
        if (targets.empty()) return "true";
        return c_.Pick(targets) + (c_.Coin() ? " is absent" : " is present");
      }
      case 10: {  // text functions
        const char* fn = c_.Pick({"starts_with", "ends_with", "contains"});
        return std::string(fn) + "(" + Operand(Ty{Base::kText}, env, depth - 1) + ", " +
               Operand(Ty{Base::kText}, env, depth - 1) + ")";
      }
      case 11: {  // a predicate applied to variables of its parameters' kinds
        std::vector<std::string> calls;
        for (const auto& d : defs_) {
          if (d.params.empty()) continue;
          std::string call = d.name + "(";
          bool ok = true;
          for (size_t i = 0; i < d.params.size() && ok; ++i) {
            std::vector<std::string> fit;
            for (const auto& v : env) {
              if (v.kind == d.params[i]) fit.push_back(v.name);
            }
            if (fit.empty())
              ok = false;
            else
              call += (i ? ", " : "") + c_.Pick(fit);
          }
          if (ok) calls.push_back(call + ")");
        }
        if (calls.empty()) return "false";
        return c_.Pick(calls);
      }
      case 12: {  // overlaps(a, b)
        std::vector<std::string> active;
        for (const auto& v : env) {
          if (kinds_[v.kind].active) active.push_back(v.name);
        }
        if (active.empty()) return "true";
        return "overlaps(" + c_.Pick(active) + ", " + c_.Pick(active) + ")";
      }
      case 13:
        return "count(" + Operand(AnyListType(), env, depth - 1) + ")" +
               c_.Pick({" == ", " > ", " <= "}) + Literal(Ty{Base::kNumber});
      default:
        return Leaf(Ty{}, env);
    }
  }

  /// A very deep expression now and then: long chains and nesting near the parser's limits.
  std::string DeepBool(const Env& env) {
    const uint32_t n = 1 + c_.Below(200);
    switch (c_.Below(4)) {
      case 0: {
        std::string s;
        for (uint32_t i = 0; i < n; ++i) s += "not ";
        return s + Expr(Ty{}, env, 2);
      }
      case 1: {
        std::string s(n % 140, '(');
        s += Expr(Ty{}, env, 2);
        return s + std::string(n % 140, ')');
      }
      case 2: {
        std::string s = Expr(Ty{}, env, 1);
        for (uint32_t i = 0; i < n; ++i) s += (c_.Coin() ? " and " : " or ") + Expr(Ty{}, env, 1);
        return s;
      }
      default: {
        std::string s = Expr(Ty{Base::kNumber}, env, 1);
        for (uint32_t i = 0; i < n; ++i) s += " + " + Literal(Ty{Base::kNumber});
        return s + " > 0";
      }
    }
  }

  /// A condition that reads a field of `v` (a `require` must use its variable).
  std::string FieldTest(const Var& v, int depth) {
    const FieldModel& f = c_.Pick(kinds_[v.kind].fields);
    const std::string ref = v.name + "." + f.name;
    std::string test;
    if (f.ty.shape == Shape::kMap) {
      const std::string lookup = ref + "[" + base::QuoteString(MapKey()) + "]";
      test = c_.Coin() ? lookup + (c_.Coin() ? " is present" : " is absent")
                       : lookup + " == " + Operand(f.ty.Scalar(), {v}, depth);
    } else if (f.ty.shape == Shape::kList) {
      test = c_.Coin() ? std::string(c_.Pick({"any ", "all ", "none "})) + ref + " in " +
                             (f.ty.base == Base::kMember && c_.Coin() ? MemberRef(f.ty.tax)
                                                                      : Operand(f.ty, {v}, depth))
                       : "count(" + ref + ") " + c_.Pick({"==", "<=", ">"}) + " " +
                             Literal(Ty{Base::kNumber});
    } else if (f.optional && c_.Chance(1, 4)) {
      test = ref + (c_.Coin() ? " is present" : " is absent");
    } else if (f.ty.base == Base::kMember && c_.Coin()) {
      test = ref + (c_.Chance(1, 4) ? " not in " : " in ") +
             (c_.Coin() ? MemberRef(f.ty.tax) : Operand(f.ty.ListOf(), {v}, depth));
    } else {
      const bool ordered = f.ty.base == Base::kNumber || f.ty.base == Base::kDate;
      const char* op = ordered ? c_.Pick({" == ", " != ", " < ", " <= ", " > ", " >= "})
                               : c_.Pick({" == ", " != "});
      test = ref + op + Operand(f.ty, {v}, depth);
    }
    if (c_.Chance(1, 3)) test += (c_.Coin() ? " and " : " or ") + Operand(Ty{}, {v}, depth);
    return test;
  }

  std::string Condition(const Env& env) {
    if (c_.Chance(1, 24)) return DeepBool(env);
    return Expr(Ty{}, env, 1 + static_cast<int>(c_.Below(5)));
  }

  std::string Scope(const Env& env, bool unless = true) {
    std::string out;
    if (c_.Chance(2, 3)) out += "\n    when " + Condition(env);
    if ((unless || c_.Chance(1, 32)) && c_.Chance(1, 3)) out += "\n    unless " + Condition(env);
    return out;
  }

  // ------------------------------------------------------------ definitions

  std::string GenDefinitions() {
    std::string out;
    const uint32_t n = c_.Below(7);
    for (uint32_t i = 0; i < n; ++i) {
      DefModel d;
      d.name = "def" + std::to_string(i);
      std::string text;
      if (c_.Coin()) {  // a constant: a list, a value, or another constant (a chain)
        Ty t = RandomScalarType();
        if (c_.Chance(2, 3)) t.shape = Shape::kList;
        d.ty = t;
        auto chain = ConstsOf(t);
        std::string body = !chain.empty() && c_.Coin() ? c_.Pick(chain) : Expr(t, {}, 2);
        text = "define " + d.name + " = " + body + "\n";
      } else {  // a predicate over one or two facts, maybe calling earlier predicates
        Env env;
        const uint32_t np = 1 + c_.Chance(1, 4);
        std::string params;
        for (uint32_t p = 0; p < np; ++p) {
          const int k = static_cast<int>(c_.Below(kinds_.size()));
          d.params.push_back(k);
          std::string pn = std::string(1, static_cast<char>('x' + p));
          env.push_back({pn, k});
          params += (p ? ", " : "") + pn + ": " + kinds_[k].name;
        }
        d.ty = Ty{};
        text = "define " + d.name + "(" + params + ") =\n  " + Condition(env) + "\n";
      }
      defs_.push_back(d);
      out += text;
    }
    // Now and then a cycle (T0209) or a use before the declaration (order-free: fine).
    if (c_.Chance(1, 24) && !defs_.empty()) {
      out += "define cyc_a = cyc_b\ndefine cyc_b = cyc_a\n";
    }
    return out;
  }

  // ------------------------------------------------------------ agreements

  struct ClausePlan {
    std::string id;   // as written in the clause header ("2.1" or IDENT)
    std::string ref;  // "A/2.1"
  };
  struct AgreementPlan {
    std::string name;
    std::vector<ClausePlan> clauses;
  };

  void PlanAgreements() {
    const uint32_t n = 1 + c_.Below(4);
    for (uint32_t a = 0; a < n; ++a) {
      AgreementPlan ag;
      ag.name =
          std::string(c_.Pick({"MSFT", "AWS", "GOOG", "ORCL"})) + "_" + std::to_string(2019 + a);
      const uint32_t nc = 1 + c_.Below(6);
      for (uint32_t k = 0; k < nc; ++k) {
        ClausePlan cl;
        cl.id = c_.Chance(1, 5) ? "c" + std::to_string(k)
                                : std::to_string(1 + k / 3) + "." + std::to_string(1 + k % 3);
        if (c_.Chance(1, 256)) cl.id = "1.1";  // a duplicate clause now and then
        cl.ref = ag.name + "/" + cl.id;
        ag.clauses.push_back(cl);
        all_clauses_.push_back(cl.ref);
      }
      agreements_.push_back(std::move(ag));
    }
  }

  std::string Window() {
    std::string from = c_.Pick(dates_);
    std::string out = from;
    if (c_.Coin()) {
      std::string until = c_.Pick(dates_);
      if (until <= from && !c_.Chance(1, 64)) return out;  // a backwards window: rarely
      out += " until " + until;
    }
    return out;
  }

  std::string OtherClause(const std::string& self) {
    std::string r = c_.Pick(all_clauses_);
    if (r == self && !c_.Chance(1, 64))
      return all_clauses_.front() == self ? "" : all_clauses_.front();
    return r;
  }

  std::string Binding(int& kind) {
    kind = static_cast<int>(c_.Below(kinds_.size()));
    return kinds_[kind].name;
  }

  /// One rule; `env` receives its variables (for the message).
  std::string Rule(Env& env, bool permit) {
    const uint32_t form = permit ? 1 : c_.Below(8);
    switch (form) {
      case 0:
      case 1: {  // forbid / permit, maybe a join
        const uint32_t nv = permit ? 1 : 1 + (c_.Chance(1, 4) ? 1 + c_.Chance(1, 3) : 0);
        std::string out = permit ? "permit " : "forbid ";
        for (uint32_t i = 0; i < nv; ++i) {
          int k;
          std::string kname = Binding(k);
          std::string name = kname;
          if (nv > 1 || c_.Chance(1, 4)) {
            name = "v" + std::to_string(i);
            kname += " as " + name;
          }
          out += (i ? ", " : "") + kname;
          env.push_back({name, k});
        }
        return out + Scope(env);
      }
      case 2:
      case 3: {  // require EXPR
        int k;
        std::string name = Binding(k);
        env.push_back({name, k});
        return "require " + FieldTest(env.back(), 3) + Scope(env);
      }
      case 4: {  // exclusive K.f to members
        int k;
        std::string name = Binding(k);
        env.push_back({name, k});
        std::vector<const FieldModel*> members;
        for (const auto& f : kinds_[k].fields) {
          if (f.ty.base == Base::kMember && f.ty.shape == Shape::kScalar) members.push_back(&f);
        }
        if (members.empty()) return "forbid " + name + Scope(env);
        const FieldModel* f = c_.Pick(members);
        std::string grant = c_.Coin() ? MemberRef(f->ty.tax) : ListLiteral(f->ty, {}, 1);
        return "exclusive " + name + "." + f->name + " to " + grant + Scope(env);
      }
      case 5:
      case 6: {  // limit count / sum
        int k;
        std::string kname = Binding(k);
        std::string name = kname;
        std::string out;
        std::vector<std::string> nums;
        for (const auto& f : kinds_[k].fields) {
          if (f.ty == Ty{Base::kNumber}) nums.push_back(f.name);
        }
        env.push_back({name, k});
        if (form == 6 && !nums.empty()) {
          out = "limit sum " + name + "." + c_.Pick(nums);
        } else {
          if (c_.Chance(1, 4)) {
            name = "lv";
            env.back().name = name;
            kname += " as lv";
          }
          out = "limit count " + kname;
        }
        out += Scope(env);
        out += "\n    to " + std::string(c_.Chance(1, 32)
                                             ? "1.5"
                                             : c_.Pick({"0", "1", "2", "3", "10", "1_000_000"}));
        switch (c_.Below(4)) {
          case 0:
            out += std::string(" per ") + c_.Pick({"day", "week", "month", "quarter", "year"});
            break;
          case 1:
            out += " per " +
                   std::to_string(c_.Chance(1, 8) ? c_.Range(0, 100000) : c_.Range(1, 120)) + " " +
                   (c_.Chance(1, 8) ? c_.Pick({"months", "years", "day"})
                                    : c_.Pick({"days", "weeks"}));
            break;
          default:
            break;
        }
        if (c_.Chance(1, 3)) {
          std::vector<std::string> groups;
          for (const auto& f : kinds_[k].fields) {
            if (f.ty.shape == Shape::kScalar) groups.push_back(name + "." + f.name);
          }
          if (!groups.empty()) out += " by " + c_.Pick(groups);
        }
        return out;
      }
      default: {  // require exists
        int k;
        std::string name = Binding(k);
        env.push_back({name, k});
        return "require exists " + name + Scope(env, false) + "\n    by " + c_.Pick(dates_);
      }
    }
  }

  std::string Message(const Env& env) {
    std::string out;
    const uint32_t parts = c_.Below(4);
    for (uint32_t i = 0; i < parts; ++i) {
      out += c_.Pick({"breach of ", " on ", "", " – ", "ünï "});
      if (env.empty()) continue;
      Ty t = RandomScalarType();
      if (t.base == Base::kText && !c_.Chance(1, 8)) t = Ty{Base::kNumber};  // `{` in a literal
      if (c_.Chance(1, 3)) {
        auto fields = FieldsOf(env, t);
        if (!fields.empty()) {
          out += "{" + c_.Pick(fields) + "}";
          continue;
        }
      }
      out += "{" + Expr(t, env, 2) + "}";
    }
    if (c_.Chance(1, 256)) out += "{";  // an unclosed interpolation (T0111)
    return base::QuoteString(out);
  }

  std::string ClauseText(const AgreementPlan& ag, const ClausePlan& cl) {
    std::string out = "  clause " + (cl.id[0] == 'c' ? cl.id : base::QuoteString(cl.id));
    if (c_.Coin()) out += " " + base::QuoteString("Clause " + cl.id);
    out += " {\n";
    std::vector<std::string> items;
    if (c_.Coin()) {
      items.push_back(c_.Coin() ? "text \"\"\"The party shall not,\n        save for \"x\".\"\"\""
                                : "text " + base::QuoteString(c_.Pick(texts_)));
    }
    if (c_.Chance(1, 3))
      items.push_back(std::string("severity ") + c_.Pick({"error", "warning", "info"}));
    if (c_.Chance(1, 3)) items.push_back("effective " + Window());
    if (c_.Chance(1, 4)) {
      const std::string r = OtherClause(cl.ref);
      if (!r.empty()) items.push_back("replaces " + base::QuoteString(r));
    }
    bool overrides = false;
    if (c_.Chance(1, 4)) {
      const std::string first = OtherClause(cl.ref);
      if (!first.empty()) {
        overrides = true;
        std::string o = "overrides " + base::QuoteString(first);
        const std::string second = OtherClause(cl.ref);
        if (!second.empty() && c_.Chance(1, 3)) o += ", " + base::QuoteString(second);
        items.push_back(o);
      }
    }
    // Rules keep their order (a message reads the variables of the first one); the other items
    // go anywhere around them.
    std::vector<std::string> rules;
    Env env;
    const uint32_t nr = 1 + c_.Chance(1, 4);
    for (uint32_t i = 0; i < nr; ++i) {
      Env rule_env;
      rules.push_back(Rule(rule_env, false));
      if (i == 0) env = rule_env;
    }
    if (overrides && !c_.Chance(1, 64)) {
      Env permit_env;
      rules.push_back(Rule(permit_env, true));
    }
    if (c_.Coin()) items.push_back("message " + Message(env));
    for (size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[c_.Below(static_cast<uint32_t>(i))]);
    size_t at = 0;  // each rule lands after the previous one
    for (const auto& rule : rules) {
      at += c_.Below(static_cast<uint32_t>(items.size() - at + 1));
      items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), rule);
      ++at;
    }
    for (const auto& item : items) out += "    " + item + "\n";
    (void)ag;
    return out + "  }\n";
  }

  std::string AgreementText(size_t a) {
    const AgreementPlan& ag = agreements_[a];
    std::string out = "agreement " + ag.name;
    if (c_.Coin()) out += " " + base::QuoteString(ag.name + " – agreement");
    out += " {\n";
    if (c_.Chance(3, 4)) out += "  parties OpenAI, " + base::QuoteString(c_.Pick(texts_)) + "\n";
    if (!c_.Chance(1, 128)) out += "  effective " + Window() + "\n";
    if (a > 0 && c_.Chance(1, 3))
      out += "  amends " + agreements_[c_.Below(static_cast<uint32_t>(a))].name + "\n";
    for (const auto& cl : ag.clauses) out += "\n" + ClauseText(ag, cl);
    return out + "}\n";
  }

  // ------------------------------------------------------------ waivers and tests

  std::string FactIdRef() {
    if (facts_.empty() || c_.Chance(1, 8)) return base::QuoteString("nobody");
    return base::QuoteString(c_.Pick(facts_).id);
  }

  std::string WaiversText() {
    std::string out;
    const uint32_t n = c_.Below(4);
    for (uint32_t i = 0; i < n; ++i) {
      out += "waiver \"W-" + std::to_string(i) + "\" {\n";
      out += "  clause " + base::QuoteString(c_.Pick(all_clauses_)) + "\n";
      out += "  facts " + FactIdRef();
      if (c_.Chance(1, 4)) out += ", " + FactIdRef();
      out += "\n";
      if (c_.Chance(3, 4)) out += "  until " + c_.Pick(dates_) + "\n";
      if (c_.Coin()) out += "  approved_by " + base::QuoteString(c_.Pick(texts_)) + "\n";
      if (c_.Coin()) out += "  reason \"\"\"a reason\"\"\"\n";
      out += "}\n\n";
    }
    return out;
  }

  std::string GivenValue(const Val& v) {
    switch (v.t) {
      case Val::T::kText:
        return base::QuoteString(v.s);
      case Val::T::kList: {
        std::string out = "[";
        for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + GivenValue(v.items[i]);
        return out + "]";
      }
      case Val::T::kMap: {
        std::string out = "{";
        for (size_t i = 0; i < v.items.size(); ++i) {
          out +=
              (i ? ", " : " ") + base::QuoteString(v.items[i].key) + ": " + GivenValue(v.items[i]);
        }
        return out + " }";
      }
      default:
        return v.s;
    }
  }

  std::string TestsText() {
    std::string out;
    const uint32_t n = c_.Below(4);
    for (uint32_t i = 0; i < n; ++i) {
      out += "test \"t" + std::to_string(i) + "\" {\n";
      if (c_.Chance(3, 4)) out += "  as_of " + c_.Pick(dates_) + "\n";
      std::vector<std::string> ids;
      const uint32_t ng = c_.Below(4);
      for (uint32_t g = 0; g < ng && !facts_.empty(); ++g) {
        const FactModel& f = c_.Pick(facts_);
        ids.push_back(f.id);
        out += "  given " + kinds_[f.kind].name + " { id: " + base::QuoteString(f.id);
        for (const auto& [name, v] : f.fields) out += ", " + name + ": " + GivenValue(v);
        out += " }\n";
      }
      if (c_.Chance(1, 6) && !facts_.empty()) out += "  given file \"f/facts_0.yaml\"\n";
      const uint32_t ne = 1 + c_.Below(3);
      for (uint32_t e = 0; e < ne; ++e) {
        const std::string clause = base::QuoteString(c_.Pick(all_clauses_));
        std::string on;
        if (!ids.empty() && c_.Coin()) on = " on " + base::QuoteString(c_.Pick(ids));
        switch (c_.Below(6)) {
          case 0:
            out += "  expect violation " + clause + on + "\n";
            break;
          case 1:
            out += "  expect no violation " + clause + "\n";
            break;
          case 2:
            out += "  expect no violation\n";
            break;
          case 3:
            out += "  expect waived " + clause + (on.empty() ? " on \"f1\"" : on) + "\n";
            break;
          case 4:
            out += "  expect pending " + clause + "\n";
            break;
          default:
            out += "  expect findings " + std::to_string(c_.Below(5)) + "\n";
            break;
        }
      }
      out += "}\n\n";
    }
    return out;
  }

  // ------------------------------------------------------------ fact files

  static std::string YamlScalar(const Val& v) {
    switch (v.t) {
      case Val::T::kText:
        return JsonQuote(v.s);  // a YAML double-quoted scalar
      case Val::T::kList: {
        std::string out = "[";
        for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + YamlScalar(v.items[i]);
        return out + "]";
      }
      case Val::T::kMap: {
        std::string out = "{";
        for (size_t i = 0; i < v.items.size(); ++i) {
          out += (i ? ", " : "") + JsonQuote(v.items[i].key) + ": " + YamlScalar(v.items[i]);
        }
        return out + "}";
      }
      default:
        return v.s;
    }
  }

  static std::string JsonValue(const Val& v) {
    switch (v.t) {
      case Val::T::kNumber:
      case Val::T::kBool:
        return v.s == "1_000" ? "1000" : v.s;
      case Val::T::kList: {
        std::string out = "[";
        for (size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + JsonValue(v.items[i]);
        return out + "]";
      }
      case Val::T::kMap: {
        std::string out = "{";
        for (size_t i = 0; i < v.items.size(); ++i) {
          out += (i ? "," : "") + JsonQuote(v.items[i].key) + ":" + JsonValue(v.items[i]);
        }
        return out + "}";
      }
      default:
        return JsonQuote(v.s);
    }
  }

  std::string Yaml(const std::vector<const FactModel*>& facts) {
    std::string out;
    const bool as_list = c_.Chance(1, 4);
    for (const FactModel* f : facts) {
      if (as_list) {
        out += "- kind: " + kinds_[f->kind].name + "\n  id: " + JsonQuote(f->id) + "\n";
        for (const auto& [name, v] : f->fields) out += "  " + name + ": " + YamlScalar(v) + "\n";
      } else {
        out += "---\nkind: " + kinds_[f->kind].name + "\nid: " + JsonQuote(f->id) + "\n";
        for (const auto& [name, v] : f->fields) out += name + ": " + YamlScalar(v) + "\n";
      }
    }
    return out;
  }

  std::string Jsonl(const std::vector<const FactModel*>& facts) {
    std::string out;
    for (const FactModel* f : facts) {
      out += "{\"kind\":" + JsonQuote(kinds_[f->kind].name) + ",\"id\":" + JsonQuote(f->id);
      for (const auto& [name, v] : f->fields) out += "," + JsonQuote(name) + ":" + JsonValue(v);
      out += "}\n";
    }
    return out;
  }

  void Add(Generated& out, const std::string& path, std::string text) {
    out.files[path] = std::move(text);
    out.policy_files.push_back(path);
  }

  Choices& c_;
  std::vector<std::string> dates_, texts_, numbers_;
  std::vector<TaxModel> taxes_;
  std::vector<KindModel> kinds_;
  std::vector<DefModel> defs_;
  std::vector<FactModel> facts_;
  std::vector<AgreementPlan> agreements_;
  std::vector<std::string> all_clauses_;
};

/// Damages one policy file now and then (a cut, a duplicated slice, a stray byte) so that the
/// error paths of the parser and the checker see inputs close to valid ones.
inline void Mutate(Choices& c, Generated& g) {
  if (g.policy_files.empty() || !c.Chance(1, 10)) return;
  std::string& text = g.files[c.Pick(g.policy_files)];
  if (text.empty()) return;
  const size_t at = c.Below(static_cast<uint32_t>(text.size()));
  const size_t len = 1 + c.Below(static_cast<uint32_t>(std::min<size_t>(40, text.size() - at)));
  switch (c.Below(4)) {
    case 0:
      text.erase(at, len);
      break;
    case 1:
      text.insert(at, text.substr(at, len));
      break;
    case 2:
      text.insert(at, 1, c.Pick({"{", "}", "\"", "/*", "\xff", "(", "\0"})[0]);
      break;
    default:
      text.insert(at, c.Bytes(8));
      break;
  }
}

}  // namespace treaty::fuzzing
