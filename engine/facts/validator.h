#pragma once
/// The one validation of facts, shared by the YAML and JSONL loaders: a RawRecord (a fact as a
/// loader read it: a tree of untyped scalars, lists and mappings with byte spans) is checked
/// against its kind in the portfolio and becomes a facts::Fact, or is reported and skipped.
/// A Validator belongs to one LoadFacts or StreamFacts call; it is not thread-safe.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "check/model.h"
#include "facts/fact.h"

namespace treaty::facts {

/// What a loader saw, before any type is known. The loader decides the syntax; the validator
/// decides the meaning (a YAML plain scalar `42` is text for a text field, a number for a number).
enum class RawType : uint8_t {
  kNull,    // YAML empty / `null` / `~`, JSON null; `text` is the source text ("" when empty)
  kPlain,   // YAML plain scalar: text, number, bool or date depending on the field
  kString,  // YAML quoted or block scalar, JSON string: text (or a date, or a name)
  kNumber,  // JSON number (text is its source)
  kBool,    // JSON true/false (text is its source)
  kList,
  kMap,
  kAlias,  // YAML alias: `alias` is the index of the anchored node
};

inline constexpr uint32_t kNoNode = UINT32_MAX;

/// One node of a RawRecord. Children of a list or map are linked by `next`; a map's children
/// carry their key in `key`/`key_begin`/`key_end` (`key_type` kNull when the key was not a
/// scalar).
struct RawNode {
  RawType type = RawType::kNull;
  RawType key_type = RawType::kNull;
  std::string_view text;  // scalars: the (unescaped) value
  std::string_view key;   // map children: the key
  uint32_t begin = 0;     // byte range of the value in the file
  uint32_t end = 0;
  uint32_t key_begin = 0;  // byte range of the key
  uint32_t key_end = 0;
  uint32_t first = kNoNode;  // first child (lists, maps)
  uint32_t last = kNoNode;   // last child, for appending
  uint32_t next = kNoNode;   // next sibling
  uint32_t alias = kNoNode;  // kAlias: the node it stands for
};

/// A fact as read: nodes[0] is the fact's node (normally a kMap). Reused from fact to fact by a
/// loader to avoid allocations; `Clear()` keeps the capacity.
struct RawRecord {
  std::vector<RawNode> nodes;
  /// Owned text for scalars that are not a slice of the file (unescaped JSON strings, YAML
  /// scalars); a deque so that views into earlier strings stay valid.
  std::deque<std::string> owned;

  void Clear() {
    nodes.clear();
    owned.clear();
  }
  /// Adds a node as the last child of `parent` (or as a root when kNoNode); returns its index.
  uint32_t Add(uint32_t parent, const RawNode& node);
  std::string_view Own(std::string text) { return owned.emplace_back(std::move(text)); }
};

class Validator {
 public:
  Validator(const check::Portfolio& portfolio, base::DiagnosticEngine& diags, FactSet& out);
  /// Streaming: each time `out` holds `batch` facts (`batch` >= 1) it is moved to `consume`
  /// and starts again empty; the facts left in `out` at the end are the caller's to hand over.
  /// Handed-over facts still count for duplicate ids (only their kind, id and span are kept).
  /// `consume` must outlive the Validator.
  Validator(const check::Portfolio& portfolio, base::DiagnosticEngine& diags, FactSet& out,
            size_t batch, const std::function<void(FactSet&&)>& consume);
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// Room for `more` facts (a loader's estimate, e.g. the lines of a JSONL file), at most a
  /// batch.
  void Reserve(size_t more);

  /// Checks the fact rooted at `record.nodes[root]` of `file`; appends it to the FactSet, or
  /// reports every problem found in it and skips it. `line`/`col` are the position of the root
  /// node when the loader knows them (0: computed from the offset). Returns true when added.
  bool Add(const base::SourceFile& file, const RawRecord& record, uint32_t root = 0,
           uint32_t line = 0, uint32_t col = 0);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A value as users read it in a message: "text `tomorrow`", "a number `42`", "a list".
std::string DescribeRaw(const RawRecord& record, const RawNode& node);

}  // namespace treaty::facts
