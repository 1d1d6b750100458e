#include "facts/validator.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <unordered_map>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/text.h"
#include "base/utf8.h"
#include "value/date.h"

namespace treaty::facts {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;
using base::Span;
using check::BaseType;
using check::Shape;
using check::Type;

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
/// Names of the portfolio (views into its strings, stable while it lives) -> index.
using NameMap = std::unordered_map<std::string_view, uint32_t, NameHash, std::equal_to<>>;

struct KindIndex {
  NameMap fields;
  std::vector<std::string_view> candidates;  // field names, `kind` and `id` for did-you-mean
};

// ---------------------------------------------------------------- scalar syntax

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// A decimal number as a double: infinite when it is too large for one (`1e400`, out of range,
/// T0519), zero or subnormal when too small (`1e-400`).
std::optional<double> ToDouble(std::string_view t) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (ptr != t.data() + t.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return std::strtod(std::string(t).c_str(), nullptr);
  if (ec != std::errc()) return std::nullopt;
  return d;
}

/// A YAML 1.2 core-schema number (decimal; `_` allowed between digits as in Treaty literals),
/// as a double (infinite when out of range).
std::optional<double> ParseYamlNumber(std::string_view t) {
  std::string clean;
  clean.reserve(t.size());
  size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    if (t[i] == '-') clean += '-';
    ++i;
  }
  bool digits = false, dot = false, exp = false;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (IsDigit(c)) {
      digits = true;
      clean += c;
    } else if (c == '_' && i > 0 && IsDigit(t[i - 1]) && i + 1 < t.size() && IsDigit(t[i + 1])) {
      continue;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
      clean += c;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      clean += c;
      if (i + 1 < t.size() && (t[i + 1] == '+' || t[i + 1] == '-')) clean += t[++i];
      if (i + 1 >= t.size() || !IsDigit(t[i + 1])) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  return ToDouble(clean);
}

/// A JSON number (already checked by the JSON grammar) as a double.
std::optional<double> ParseJsonNumber(std::string_view t) { return ToDouble(t); }

std::optional<bool> ParseYamlBool(std::string_view t) {
  if (t == "true" || t == "True" || t == "TRUE") return true;
  if (t == "false" || t == "False" || t == "FALSE") return false;
  return std::nullopt;
}

/// The text of a value for a message: its first line, at most 40 code points.
std::string Shorten(std::string_view t) {
  std::string out;
  size_t points = 0;
  bool cut = false;
  for (char c : t) {
    if (c == '\n' || c == '\r') {
      cut = true;
      break;
    }
    if (!base::IsUtf8Continuation(c) && ++points > 40) {
      cut = true;
      break;
    }
    out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  }
  if (cut) out += "…";
  return out;
}

const RawNode& Deref(const RawRecord& r, uint32_t i) {
  const RawNode* n = &r.nodes[i];
  // INVARIANT: an alias points at an earlier, complete node that is never itself an alias.
  if (n->type == RawType::kAlias && n->alias < r.nodes.size()) n = &r.nodes[n->alias];
  return *n;
}

bool IsText(RawType t) { return t == RawType::kPlain || t == RawType::kString; }

std::string DescribeKey(RawType t) {
  switch (t) {
    case RawType::kList:
      return "a list";
    case RawType::kMap:
      return "a mapping";
    default:
      return "null";
  }
}

// ---------------------------------------------------------------- type names

std::string Plural(BaseType b) {
  switch (b) {
    case BaseType::kText:
      return "text";
    case BaseType::kNumber:
      return "numbers";
    case BaseType::kBool:
      return "bools";
    case BaseType::kDate:
      return "dates";
    case BaseType::kDuration:
      return "durations";
    default:
      return "values";
  }
}

std::string Singular(const check::Portfolio& p, const Type& t) {
  switch (t.base) {
    case BaseType::kText:
      return "text";
    case BaseType::kNumber:
      return "a number";
    case BaseType::kBool:
      return "a bool";
    case BaseType::kDate:
      return "a date";
    case BaseType::kDuration:
      return "a duration";
    case BaseType::kMember:
      return t.ref < p.taxonomies.size()
                 ? fmt::format("a name in taxonomy `{}`", p.taxonomies[t.ref].name)
                 : "a name";
    default:
      return "a value";
  }
}

/// "a date", "a list of dates", "a list of `region` names", "a map of dates".
std::string Describe(const check::Portfolio& p, const Type& t) {
  if (t.shape == Shape::kScalar) return Singular(p, t);
  std::string element = t.base == BaseType::kMember && t.ref < p.taxonomies.size()
                            ? fmt::format("`{}` names", p.taxonomies[t.ref].name)
                            : Plural(t.base);
  return fmt::format("a {} of {}", t.shape == Shape::kList ? "list" : "map", element);
}

}  // namespace

uint32_t RawRecord::Add(uint32_t parent, const RawNode& node) {
  const uint32_t index = static_cast<uint32_t>(nodes.size());
  nodes.push_back(node);
  if (parent != kNoNode) {
    RawNode& p = nodes[parent];
    if (p.first == kNoNode) {
      p.first = index;
    } else {
      nodes[p.last].next = index;
    }
    p.last = index;
  }
  return index;
}

std::string DescribeRaw(const RawRecord& record, const RawNode& raw) {
  const RawNode& node = raw.type == RawType::kAlias && raw.alias < record.nodes.size()
                            ? record.nodes[raw.alias]
                            : raw;
  switch (node.type) {
    case RawType::kNull:
      return node.text.empty() ? "nothing" : fmt::format("`{}`", Shorten(node.text));
    case RawType::kPlain:
      if (ParseYamlNumber(node.text)) return fmt::format("a number `{}`", Shorten(node.text));
      if (ParseYamlBool(node.text)) return fmt::format("a bool `{}`", node.text);
      if (value::HasDateForm(node.text)) return fmt::format("a date `{}`", node.text);
      return fmt::format("text `{}`", Shorten(node.text));
    case RawType::kString:
      return node.text.empty() ? "empty text" : fmt::format("text `{}`", Shorten(node.text));
    case RawType::kNumber:
      return fmt::format("a number `{}`", Shorten(node.text));
    case RawType::kBool:
      return fmt::format("a bool `{}`", node.text);
    case RawType::kList:
      return "a list";
    case RawType::kMap:
      return "a mapping";
    case RawType::kAlias:
      return "an alias";
  }
  return "a value";
}

// ---------------------------------------------------------------- the validator

struct Validator::Impl {
  const check::Portfolio& portfolio;
  base::DiagnosticEngine& diags;
  FactSet& out;
  size_t batch = SIZE_MAX;
  const std::function<void(FactSet&&)>* consume = nullptr;
  NameMap kinds;
  std::vector<std::string_view> kind_names;
  std::vector<KindIndex> kind_index;
  std::vector<std::unique_ptr<NameMap>> members;  // per taxonomy, built on first use

  // Ids seen so far: open addressing over (hash, ordinal + 1); 0 marks an empty slot. A fact's
  // ordinal counts the valid facts before it, handed over or not.
  struct IdSlot {
    uint64_t hash = 0;
    uint32_t fact = 0;
  };
  std::vector<IdSlot> ids = std::vector<IdSlot>(1024);
  size_t id_count = 0;

  // The facts handed over, by ordinal: what T0507 needs of them, their ids back to back.
  struct Kept {
    check::KindId kind = 0;
    uint32_t id_size = 0;
    size_t id_begin = 0;
    Span span;
  };
  std::vector<Kept> kept;
  std::string kept_ids;

  std::vector<uint32_t> seen;  // per slot of the current kind: the node that gave it, or kNoNode
  std::vector<uint8_t> suggested;  // per slot: an unknown field's did-you-mean named it

  // The fact being validated.
  const base::SourceFile* file = nullptr;
  const RawRecord* rec = nullptr;
  bool ok = true;

  Impl(const check::Portfolio& p, base::DiagnosticEngine& d, FactSet& o, size_t b,
       const std::function<void(FactSet&&)>* c)
      : portfolio(p), diags(d), out(o), batch(c ? std::max<size_t>(b, 1) : SIZE_MAX), consume(c) {
    kind_index.resize(p.kinds.size());
    for (uint32_t k = 0; k < p.kinds.size(); ++k) {
      const check::Kind& kind = p.kinds[k];
      kinds.emplace(kind.name, k);
      kind_names.push_back(kind.name);
      KindIndex& index = kind_index[k];
      for (uint32_t f = 0; f < kind.fields.size(); ++f) {
        index.fields.emplace(kind.fields[f].name, f);
        index.candidates.push_back(kind.fields[f].name);
      }
      index.candidates.push_back("kind");
      index.candidates.push_back("id");
    }
    members.resize(p.taxonomies.size());
  }

  Span SpanOf(uint32_t begin, uint32_t end) const { return file->MakeSpan(begin, end); }
  Span ValueSpan(const RawNode& field) const {
    // An empty value has no text of its own: point at its key.
    if (field.type == RawType::kNull && field.text.empty() && field.key_end > field.key_begin) {
      return SpanOf(field.key_begin, field.key_end);
    }
    return SpanOf(field.begin, field.end);
  }
  Span KeySpan(const RawNode& field) const { return SpanOf(field.key_begin, field.key_end); }

  void Error(base::Diagnostic d) {
    ok = false;
    diags.Add(std::move(d));
  }

  const NameMap& MembersOf(check::TaxonomyId t) {
    if (!members[t]) {
      members[t] = std::make_unique<NameMap>();
      const auto& tax = portfolio.taxonomies[t];
      for (uint32_t m = 0; m < tax.members.size(); ++m) members[t]->emplace(tax.members[m].name, m);
    }
    return *members[t];
  }

  // ------------------------------------------------------------ values

  /// Reports a value of the wrong type for `field` (whose whole type is `type`).
  void WrongType(std::string_view field, const Type& type, const RawNode& holder,
                 const RawNode& node, std::string help, bool whole = false) {
    std::string label = fmt::format("not {}", Singular(portfolio, Type{type.base}));
    if (whole && type.shape != Shape::kScalar) {
      label = type.shape == Shape::kList ? "not a list" : "not a mapping";
    } else if (type.base == BaseType::kMember && type.ref < portfolio.taxonomies.size()) {
      label = fmt::format("not a `{}` name", portfolio.taxonomies[type.ref].name);
    }
    auto d = MakeDiagnostic(DiagCode::T0504, ValueSpan(holder), field, Describe(portfolio, type),
                            DescribeRaw(*rec, node))
                 .WithLabel(std::move(label));
    if (!help.empty()) d.help = std::move(help);
    Error(std::move(d));
  }

  /// One scalar of base type `type.base` from `holder` (the node in the record: a field, a list
  /// item or a map entry). Returns Absent after reporting when it does not fit.
  value::Value Scalar(std::string_view field, const Type& type, const RawNode& holder) {
    const RawNode& node = holder.type == RawType::kAlias ? rec->nodes[holder.alias] : holder;
    const RawType t = node.type;
    switch (type.base) {
      case BaseType::kText:
        if (IsText(t)) return value::Value{std::string(node.text)};
        WrongType(field, type, holder, node,
                  t == RawType::kNumber || t == RawType::kBool
                      ? fmt::format("write it as a string: `\"{}\"`", node.text)
                      : "");
        return {};
      case BaseType::kNumber: {
        std::optional<double> d;
        if (t == RawType::kPlain) d = ParseYamlNumber(node.text);
        if (t == RawType::kNumber) d = ParseJsonNumber(node.text);
        if (d && std::isfinite(*d)) return value::Value{*d};
        if (d) {
          Error(MakeDiagnostic(DiagCode::T0519, ValueSpan(holder), Shorten(node.text))
                    .WithLabel("too large for a number")
                    .WithHelp("numbers range up to about 1.8e308 in magnitude"));
          return {};
        }
        std::string help;
        if (t == RawType::kString && ParseYamlNumber(node.text)) {
          help = fmt::format("write the number without quotes: `{}`", node.text);
        }
        WrongType(field, type, holder, node, std::move(help));
        return {};
      }
      case BaseType::kBool: {
        std::optional<bool> b;
        if (t == RawType::kPlain) b = ParseYamlBool(node.text);
        if (t == RawType::kBool) b = node.text == "true";
        if (b) return value::Value{*b};
        WrongType(field, type, holder, node,
                  t == RawType::kString && ParseYamlBool(node.text)
                      ? fmt::format("write `{}` without quotes", node.text)
                      : "write `true` or `false`");
        return {};
      }
      case BaseType::kDate: {
        if (IsText(t) && value::HasDateForm(node.text)) {
          if (auto date = value::ParseDate(node.text)) return value::Value{*date};
          Error(MakeDiagnostic(DiagCode::T0506, ValueSpan(holder), node.text)
                    .WithLabel("no such date")
                    .WithHelp(value::WhyNotADate(node.text)));
          return {};
        }
        WrongType(field, type, holder, node, "write a date as `YYYY-MM-DD`, like `2026-03-01`");
        return {};
      }
      case BaseType::kMember: {
        if (type.ref >= portfolio.taxonomies.size()) return {};
        const check::Taxonomy& tax = portfolio.taxonomies[type.ref];
        if (!IsText(t)) {
          WrongType(field, type, holder, node, "");
          return {};
        }
        std::string_view name = node.text;
        // `taxonomy.member` is accepted as well as the bare member.
        if (name.size() > tax.name.size() + 1 && name.substr(0, tax.name.size()) == tax.name &&
            name[tax.name.size()] == '.') {
          name.remove_prefix(tax.name.size() + 1);
        }
        const NameMap& names = MembersOf(type.ref);
        if (auto it = names.find(name); it != names.end()) {
          return value::Value{value::Member{type.ref, it->second}};
        }
        MemberMissing(tax, holder, node.text);
        return {};
      }
      case BaseType::kError:
      case BaseType::kFact:
        return {};  // the portfolio already reported this field's type
      case BaseType::kDuration:
        WrongType(field, type, holder, node, "");
        return {};
    }
    return {};
  }

  void MemberMissing(const check::Taxonomy& tax, const RawNode& holder, std::string_view name) {
    std::vector<std::string_view> candidates;
    candidates.reserve(tax.members.size());
    for (const auto& m : tax.members) candidates.push_back(m.name);
    std::string help = base::DidYouMean(name, candidates);
    if (help.empty()) {
      // Name another taxonomy that has it, or list a small taxonomy.
      for (uint32_t t = 0; t < portfolio.taxonomies.size(); ++t) {
        const check::Taxonomy& other = portfolio.taxonomies[t];
        if (&other != &tax && MembersOf(t).count(name)) {
          help = fmt::format("`{}` is in taxonomy `{}`; this field takes a `{}`", name, other.name,
                             tax.name);
          break;
        }
      }
    }
    if (help.empty() && tax.members.size() <= 12) {
      std::vector<std::string> quoted;
      for (const auto& m : tax.members) quoted.push_back(fmt::format("`{}`", m.name));
      help = fmt::format("taxonomy `{}` has {}", tax.name, fmt::join(quoted, ", "));
    }
    auto d = MakeDiagnostic(DiagCode::T0505, ValueSpan(holder), Shorten(name), tax.name)
                 .WithLabel(fmt::format("not a `{}`", tax.name));
    if (!help.empty()) d.help = std::move(help);
    Error(std::move(d));
  }

  /// The value of one field (`entry` is the map child holding it).
  value::Value FieldValue(const check::Field& f, const RawNode& entry) {
    const RawNode& node = Deref(*rec, static_cast<uint32_t>(&entry - rec->nodes.data()));
    if (node.type == RawType::kNull) {
      if (f.optional) return {};
      WrongType(f.name, f.type, entry, node, fmt::format("`{}` is required", f.name));
      return {};
    }
    switch (f.type.shape) {
      case Shape::kScalar:
        if (node.type == RawType::kList || node.type == RawType::kMap) {
          WrongType(f.name, f.type, entry, node, "");
          return {};
        }
        return Scalar(f.name, f.type, entry);
      case Shape::kList: {
        if (node.type != RawType::kList) {
          WrongType(
              f.name, f.type, entry, node,
              IsText(node.type) ? fmt::format("write a list: `[{}]`", Shorten(node.text)) : "",
              true);
          return {};
        }
        value::List list;
        for (uint32_t c = node.first; c != kNoNode; c = rec->nodes[c].next) {
          const RawNode& item = rec->nodes[c];
          const RawNode& inner = Deref(*rec, c);
          if (inner.type == RawType::kList || inner.type == RawType::kMap ||
              inner.type == RawType::kNull) {
            WrongType(f.name, f.type, item, inner, "");
            continue;
          }
          list.push_back(Scalar(f.name, f.type, item));
        }
        return value::Value{std::move(list)};
      }
      case Shape::kMap: {
        if (node.type != RawType::kMap) {
          WrongType(f.name, f.type, entry, node, "", true);
          return {};
        }
        // Each entry with the node it came from: a repeated key is reported at its second
        // occurrence, found by the stable sort (not by a scan of the map per repeat, which was
        // quadratic in the map's size).
        std::vector<std::pair<value::Map::value_type, uint32_t>> entries;
        for (uint32_t c = node.first; c != kNoNode; c = rec->nodes[c].next) {
          const RawNode& item = rec->nodes[c];
          if (!IsText(item.key_type)) {
            Error(MakeDiagnostic(DiagCode::T0515, KeySpan(item), DescribeKey(item.key_type)));
            continue;
          }
          const RawNode& inner = Deref(*rec, c);
          if (inner.type == RawType::kList || inner.type == RawType::kMap ||
              inner.type == RawType::kNull) {
            WrongType(f.name, f.type, item, inner, "");
            continue;
          }
          entries.push_back({{std::string(item.key), Scalar(f.name, f.type, item)}, c});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
          return a.first.first < b.first.first;
        });
        value::Map map;
        map.reserve(entries.size());
        size_t run = 0;  // the first entry with the current key
        for (size_t i = 0; i < entries.size(); ++i) {
          const std::string& key = entries[i].first.first;
          if (map.empty() || key != map.back().first) {
            run = i;
            map.push_back(std::move(entries[i].first));
            continue;
          }
          // Each repeat is reported at the key's second occurrence, as before.
          Error(MakeDiagnostic(DiagCode::T0513, KeySpan(rec->nodes[entries[run + 1].second]),
                               Shorten(key), fmt::format("field `{}`", f.name))
                    .WithLabel("given again here"));
        }
        return value::Value{std::move(map)};
      }
    }
    return {};
  }

  // ------------------------------------------------------------ ids

  static uint64_t HashId(check::KindId kind, std::string_view id) {
    return std::hash<std::string_view>{}(id) ^
           (static_cast<uint64_t>(kind) * 0x9E3779B97F4A7C15ULL);
  }

  struct FactRef {
    check::KindId kind;
    std::string_view id;
    Span span;
  };
  /// The fact with that ordinal, whether handed over or still in `out`.
  FactRef ByOrdinal(uint32_t ordinal) const {
    if (ordinal < kept.size()) {
      const Kept& k = kept[ordinal];
      return {k.kind, std::string_view(kept_ids).substr(k.id_begin, k.id_size), k.span};
    }
    const Fact& f = out.facts[ordinal - kept.size()];
    return {f.kind, f.id, f.span};
  }

  /// The ordinal of the fact with that kind and id, or kNoNode; inserts `fact` when absent.
  uint32_t FindOrInsertId(check::KindId kind, std::string_view id, uint32_t fact) {
    if ((id_count + 1) * 2 > ids.size()) Grow();
    const uint64_t h = HashId(kind, id);
    const size_t mask = ids.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      IdSlot& s = ids[i];
      if (s.fact == 0) {
        s = IdSlot{h, fact + 1};
        ++id_count;
        return kNoNode;
      }
      if (s.hash == h) {
        const FactRef other = ByOrdinal(s.fact - 1);
        if (other.kind == kind && other.id == id) return s.fact - 1;
      }
    }
  }

  void Grow() {
    std::vector<IdSlot> old = std::move(ids);
    ids.assign(old.size() * 2, IdSlot{});
    const size_t mask = ids.size() - 1;
    for (const IdSlot& s : old) {
      if (s.fact == 0) continue;
      size_t i = s.hash & mask;
      while (ids[i].fact != 0) i = (i + 1) & mask;
      ids[i] = s;
    }
  }

  // ------------------------------------------------------------ facts

  bool Add(const base::SourceFile& f, const RawRecord& r, uint32_t root, uint32_t line,
           uint32_t col) {
    file = &f;
    rec = &r;
    ok = true;
    const RawNode& node = Deref(r, root);
    Span fact_span = line != 0 ? Span{f.id(), f.base() + node.begin,
                                      f.base() + std::max(node.begin, node.end), line, col}
                               : SpanOf(node.begin, node.end);
    if (node.type != RawType::kMap) {
      Error(MakeDiagnostic(DiagCode::T0511, fact_span, DescribeRaw(r, node))
                .WithHelp("write a fact as `kind: …`, `id: …` and its fields"));
      return false;
    }

    // The kind and the id first: they decide how the rest is read.
    uint32_t kind_node = kNoNode, id_node = kNoNode;
    for (uint32_t c = node.first; c != kNoNode; c = r.nodes[c].next) {
      const RawNode& entry = r.nodes[c];
      if (!IsText(entry.key_type)) continue;
      uint32_t* target = entry.key == "kind" ? &kind_node : entry.key == "id" ? &id_node : nullptr;
      if (!target) continue;
      if (*target != kNoNode) {
        Error(MakeDiagnostic(DiagCode::T0513, KeySpan(entry), entry.key, "this fact")
                  .WithLabel("given again here")
                  .WithNote(KeySpan(r.nodes[*target]), "first given here"));
        continue;
      }
      *target = c;
    }
    if (kind_node == kNoNode) {
      Error(MakeDiagnostic(DiagCode::T0508, fact_span, "a `kind`")
                .WithLabel("this fact has no `kind`")
                .WithHelp(KindHelp("add `kind: …` naming one of")));
    }
    if (id_node == kNoNode) {
      Error(MakeDiagnostic(DiagCode::T0508, fact_span, "an `id`")
                .WithLabel("this fact has no `id`")
                .WithHelp("add `id: …`, unique among the facts of its kind"));
    }
    if (kind_node == kNoNode) return false;

    const RawNode& kind_entry = r.nodes[kind_node];
    const RawNode& kind_value = Deref(r, kind_node);
    if (!IsText(kind_value.type)) {
      Error(MakeDiagnostic(DiagCode::T0504, ValueSpan(kind_entry), "kind", "a kind name",
                           DescribeRaw(r, kind_value))
                .WithLabel("not a kind name")
                .WithHelp(KindHelp("name one of")));
      return false;
    }
    auto kit = kinds.find(kind_value.text);
    if (kit == kinds.end()) {
      std::string help = base::DidYouMean(kind_value.text, kind_names);
      if (help.empty()) help = KindHelp("the kinds are");
      auto d = MakeDiagnostic(DiagCode::T0501, ValueSpan(kind_entry), Shorten(kind_value.text))
                   .WithLabel("no such kind");
      if (!help.empty()) d.help = std::move(help);
      Error(std::move(d));
      return false;
    }
    const check::KindId kind_id = kit->second;
    const check::Kind& kind = portfolio.kinds[kind_id];
    const KindIndex& index = kind_index[kind_id];

    Fact fact;
    fact.kind = kind_id;
    fact.span = fact_span;
    if (id_node != kNoNode) {
      const RawNode& id_value = Deref(r, id_node);
      if (IsText(id_value.type) && !id_value.text.empty()) {
        fact.id.assign(id_value.text);
      } else {
        WrongType("id", Type{BaseType::kText}, r.nodes[id_node], id_value,
                  id_value.type == RawType::kNumber
                      ? fmt::format("write it as a string: `\"{}\"`", id_value.text)
                      : "an id is a non-empty text, unique among the facts of its kind");
      }
    }

    // The fields, each in its slot.
    fact.slots.resize(kind.fields.size());
    seen.assign(kind.fields.size(), kNoNode);
    suggested.assign(kind.fields.size(), 0);
    uint32_t guess = 0;
    for (uint32_t c = node.first; c != kNoNode; c = r.nodes[c].next) {
      if (c == kind_node || c == id_node) continue;
      const RawNode& entry = r.nodes[c];
      if (!IsText(entry.key_type)) {
        Error(MakeDiagnostic(DiagCode::T0515, KeySpan(entry), DescribeKey(entry.key_type)));
        continue;
      }
      if (entry.key == "kind" || entry.key == "id") continue;  // a repeat, reported above
      // Facts usually list their fields in the kind's order: try the next slot before hashing.
      uint32_t slot =
          guess < kind.fields.size() && kind.fields[guess].name == entry.key ? guess : kNoNode;
      if (slot == kNoNode) {
        auto fit = index.fields.find(entry.key);
        if (fit != index.fields.end()) slot = fit->second;
      }
      if (slot == kNoNode) {
        auto d = MakeDiagnostic(DiagCode::T0502, KeySpan(entry), kind.name, Shorten(entry.key))
                     .WithLabel("unknown field");
        if (auto close = base::ClosestName(entry.key, index.candidates)) {
          d.help = fmt::format("did you mean `{}`?", *close);
          // The field was misspelled, not forgotten: do not also report it missing.
          if (auto it = index.fields.find(*close); it != index.fields.end()) {
            suggested[it->second] = 1;
          }
        }
        Error(std::move(d));
        continue;
      }
      guess = slot + 1;
      if (seen[slot] != kNoNode) {
        Error(MakeDiagnostic(DiagCode::T0513, KeySpan(entry), entry.key, "this fact")
                  .WithLabel("given again here")
                  .WithNote(KeySpan(r.nodes[seen[slot]]), "first given here"));
        continue;
      }
      seen[slot] = c;
      fact.slots[slot] = FieldValue(kind.fields[slot], entry);
    }

    std::vector<std::string_view> missing;
    for (uint32_t s = 0; s < kind.fields.size(); ++s) {
      if (!kind.fields[s].optional && seen[s] == kNoNode && !suggested[s]) {
        missing.push_back(kind.fields[s].name);
      }
    }
    if (!missing.empty()) ReportMissing(kind, missing, fact_span);

    // The active span (LANGUAGE.md §2).
    if (kind.active_from != check::kNoId && kind.active_from < fact.slots.size()) {
      if (const auto& from = fact.slots[kind.active_from]; from.is<value::Date>()) {
        fact.start = from.as<value::Date>();
        if (kind.instant) {
          fact.end = value::Date{fact.start->days + 1};
        } else if (kind.active_until != check::kNoId && kind.active_until < fact.slots.size()) {
          if (const auto& until = fact.slots[kind.active_until]; until.is<value::Date>()) {
            fact.end = until.as<value::Date>();
            if (*fact.end < *fact.start) {
              const check::Field& uf = kind.fields[kind.active_until];
              const check::Field& ff = kind.fields[kind.active_from];
              Error(MakeDiagnostic(DiagCode::T0514, ValueSpan(r.nodes[seen[kind.active_until]]),
                                   uf.name, value::FormatDate(*fact.end), ff.name,
                                   value::FormatDate(*fact.start))
                        .WithLabel("before the start")
                        .WithNote(ValueSpan(r.nodes[seen[kind.active_from]]),
                                  fmt::format("`{}` is here", ff.name)));
            }
          }
        }
      }
    }
    if (!ok) return false;

    const uint32_t ordinal = static_cast<uint32_t>(kept.size() + out.facts.size());
    const uint32_t first = FindOrInsertId(kind_id, fact.id, ordinal);
    if (first != kNoNode) {
      Error(
          MakeDiagnostic(DiagCode::T0507, ValueSpan(r.nodes[id_node]), Shorten(fact.id), kind.name)
              .WithLabel("used before")
              .WithNote(ByOrdinal(first).span, fmt::format("the first `{}` with id `{}` is here",
                                                           kind.name, Shorten(fact.id))));
      return false;
    }
    out.facts.push_back(std::move(fact));
    if (out.facts.size() >= batch) HandOver();
    return true;
  }

  /// Moves the facts to `consume`, keeping what T0507 needs of them.
  void HandOver() {
    for (const Fact& f : out.facts) {
      kept.push_back(Kept{f.kind, static_cast<uint32_t>(f.id.size()), kept_ids.size(), f.span});
      kept_ids += f.id;
    }
    (*consume)(std::move(out));
    out = FactSet{};
  }

  std::string KindHelp(std::string_view lead) const {
    if (kind_names.empty() || kind_names.size() > 12) return "";
    std::vector<std::string> quoted;
    for (auto k : kind_names) quoted.push_back(fmt::format("`{}`", k));
    return fmt::format("{} {}", lead, fmt::join(quoted, ", "));
  }

  void ReportMissing(const check::Kind& kind, const std::vector<std::string_view>& missing,
                     const Span& at) {
    const KindIndex& index = kind_index[static_cast<size_t>(&kind - portfolio.kinds.data())];
    std::vector<std::string> names, adds;
    for (auto m : missing) {
      names.push_back(fmt::format("`{}`", m));
      const check::Field& f = kind.fields[index.fields.find(m)->second];
      adds.push_back(fmt::format("`{}` ({})", m, Describe(portfolio, f.type)));
    }
    std::string what =
        fmt::format("field{} {}", missing.size() == 1 ? "" : "s", base::JoinList(names, "and"));
    Error(MakeDiagnostic(DiagCode::T0503, at, what, kind.name)
              .WithLabel(fmt::format("this `{}` fact", kind.name))
              .WithHelp(fmt::format("add {}", base::JoinList(adds, "and"))));
  }
};

Validator::Validator(const check::Portfolio& portfolio, base::DiagnosticEngine& diags, FactSet& out)
    : impl_(std::make_unique<Impl>(portfolio, diags, out, SIZE_MAX, nullptr)) {}

Validator::Validator(const check::Portfolio& portfolio, base::DiagnosticEngine& diags, FactSet& out,
                     size_t batch, const std::function<void(FactSet&&)>& consume)
    : impl_(std::make_unique<Impl>(portfolio, diags, out, batch, &consume)) {}

Validator::~Validator() = default;

void Validator::Reserve(size_t more) {
  auto& facts = impl_->out.facts;
  const size_t want = std::min(facts.size() + std::min(more, impl_->batch), impl_->batch);
  if (want > facts.capacity()) {
    facts.reserve(std::min(std::max(want, facts.capacity() + facts.capacity() / 2), impl_->batch));
  }
}

bool Validator::Add(const base::SourceFile& file, const RawRecord& record, uint32_t root,
                    uint32_t line, uint32_t col) {
  return impl_->Add(file, record, root, line, col);
}

}  // namespace treaty::facts
