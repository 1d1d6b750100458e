#include "facts/yaml_loader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"
#include "facts/yaml_prescan.h"

namespace treaty::facts {

namespace {

/// A read-only istream buffer over the file's text (no copy).
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // never written: get area only
    setg(begin, begin, begin + text.size());
  }
};

/// The byte offset of a yaml-cpp mark (0-based line and byte column; a byte order mark is not
/// counted, nor part of line 1 in a SourceFile), clamped to its line.
uint32_t OffsetOf(const base::SourceFile& file, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return 0;
  const uint32_t line = static_cast<uint32_t>(mark.line) + 1;
  if (line > file.line_count()) return static_cast<uint32_t>(file.text().size());
  const uint32_t start = file.LineStart(line);  // after a byte order mark on line 1
  const uint32_t len = static_cast<uint32_t>(file.Line(line).size());
  return start + std::min(static_cast<uint32_t>(std::max(mark.column, 0)), len);
}

bool IsNullWord(std::string_view t) {
  return t == "~" || t == "null" || t == "Null" || t == "NULL";
}

/// Builds one RawRecord per document from yaml-cpp's events and hands its facts to the
/// validator when the document ends.
class Builder final : public YAML::EventHandler {
 public:
  Builder(const base::SourceFile& file, Validator& validator, uint32_t max_nesting)
      : file_(file), text_(file.text()), validator_(validator), max_nesting_(max_nesting) {}

  size_t added() const { return added_; }

  void OnDocumentStart(const YAML::Mark&) override {
    rec_.Clear();
    open_.clear();
    anchors_.clear();
    skip_depth_ = 0;
  }

  void OnDocumentEnd() override {
    if (rec_.nodes.empty()) return;
    const RawNode& root = rec_.nodes[0];
    if (root.type == RawType::kNull) return;  // an empty document
    if (root.type == RawType::kList) {
      for (uint32_t c = root.first; c != kNoNode; c = rec_.nodes[c].next) {
        if (validator_.Add(file_, rec_, c)) ++added_;
      }
      return;
    }
    if (validator_.Add(file_, rec_, 0)) ++added_;
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (Skipping(false, false)) return;
    RawNode node;
    node.type = RawType::kNull;
    node.begin = node.end = Offset(mark);
    // `null` and `~` are written; an empty value is not.
    for (std::string_view w : {"null", "Null", "NULL", "~"}) {
      if (text_.substr(node.begin, w.size()) == w) {
        node.text = w;
        node.end = node.begin + static_cast<uint32_t>(w.size());
        break;
      }
    }
    Put(node, anchor, mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (Skipping(false, false)) return;
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || !Complete(it->second)) {
      throw YAML::ParserException(mark, "an alias refers to an unknown or unfinished anchor");
    }
    const RawNode& target = rec_.nodes[it->second];
    RawNode node;
    node.type = RawType::kAlias;
    node.alias = target.type == RawType::kAlias ? target.alias : it->second;
    node.begin = Offset(mark);
    node.end = ScalarEnd(node.begin, "*");
    Put(node, 0, mark);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (Skipping(false, false)) return;
    RawNode node;
    const bool quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    node.type = quoted ? RawType::kString : RawType::kPlain;
    if (!quoted && tag == "?" && IsNullWord(value)) node.type = RawType::kNull;
    node.begin = Offset(mark);
    node.end = ScalarEnd(node.begin, value);
    node.text = rec_.Own(value);
    Put(node, anchor, mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    if (Skipping(true, false, Offset(mark))) return;
    Open(RawType::kList, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    if (Skipping(true, true, Offset(mark))) return;
    Open(RawType::kMap, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    uint32_t node;
    bool is_map;
    bool want_key = true;  // maps: the next event is a key
    RawNode pending;       // maps: the key read, waiting for its value
  };

  uint32_t Offset(const YAML::Mark& mark) const { return OffsetOf(file_, mark); }

  /// The end of a scalar written at `begin`: its closing quote, or its text on that line. Scans
  /// from `begin` only as far as the scalar itself, never to the end of the line for each
  /// scalar (quadratic for a flow list of 100,000 items on one line).
  uint32_t ScalarEnd(uint32_t begin, std::string_view value) const {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    if (begin >= size) return begin;
    auto line_break = [&](uint32_t i) { return text_[i] == '\n' || text_[i] == '\r'; };
    const char open = text_[begin];
    if (open == '"' || open == '\'') {
      uint32_t i = begin + 1;
      for (; i < size && !line_break(i); ++i) {
        if (open == '"' && text_[i] == '\\') {
          if (i + 1 < size && !line_break(i + 1)) ++i;
        } else if (text_[i] == open) {
          if (open == '\'' && i + 1 < size && text_[i + 1] == '\'') {
            ++i;
          } else {
            return i + 1;
          }
        }
      }
      return i;  // the scalar goes on past its line: the span ends with the line
    }
    if (open == '|' || open == '>') return begin + 1;
    if (text_.substr(begin, value.size()) == value) {
      return begin + static_cast<uint32_t>(value.size());
    }
    // A plain scalar folded over lines: the rest of its first line, trailing blanks trimmed.
    uint32_t end = begin;
    while (end < size && !line_break(end)) ++end;
    while (end > begin && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
    return std::max(end, begin + 1);
  }

  bool Complete(uint32_t node) const {
    for (const auto& o : open_) {
      if (o.node == node) return false;
    }
    return true;
  }

  /// True while inside a collection used as a mapping key (which cannot name a field): its
  /// events are dropped and the key is recorded as "not text".
  /// Every event stands for at least one byte of the file, give or take an implicit null; far
  /// more events than bytes means yaml-cpp is not advancing (seen with fuzzed input).
  void Tick() {
    if (++events_ > 4 * static_cast<uint64_t>(text_.size()) + 64) {
      throw YAML::ParserException(YAML::Mark::null_mark(), "the YAML parser does not advance");
    }
  }

  bool Skipping(bool starts, bool is_map, uint32_t at = 0) {
    Tick();
    if (skip_depth_ > 0) {
      if (starts) ++skip_depth_;
      return true;
    }
    if (starts && !open_.empty() && open_.back().is_map && open_.back().want_key) {
      skip_depth_ = 1;
      skip_type_ = is_map ? RawType::kMap : RawType::kList;
      skip_begin_ = at;
      return true;
    }
    return false;
  }

  /// Places a finished node: as a map key, a map value, a list item or the root.
  uint32_t Put(RawNode node, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (!open_.empty() && open_.back().is_map) {
      Frame& o = open_.back();
      if (o.want_key) {
        o.pending = RawNode{};
        const RawNode& key = node.type == RawType::kAlias ? rec_.nodes[node.alias] : node;
        o.pending.key_type = key.type;
        o.pending.key = key.text;
        o.pending.key_begin = node.begin;
        o.pending.key_end = node.end;
        o.want_key = false;
        RawNode& map = rec_.nodes[o.node];
        if (map.first == kNoNode && map.end <= node.end) map.end = node.end;
        return kNoNode;
      }
      node.key_type = o.pending.key_type;
      node.key = o.pending.key;
      node.key_begin = o.pending.key_begin;
      node.key_end = o.pending.key_end;
      o.want_key = true;
    }
    if (open_.empty() && !rec_.nodes.empty()) {
      throw YAML::ParserException(mark, "a document has more than one root");
    }
    const uint32_t index = rec_.Add(open_.empty() ? kNoNode : open_.back().node, node);
    if (anchor != 0) anchors_[anchor] = index;
    return index;
  }

  void Open(RawType type, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (open_.size() >= max_nesting_) {
      throw YAML::ParserException(mark, "values are nested too deeply");
    }
    RawNode node;
    node.type = type;
    node.begin = Offset(mark);
    node.end = node.begin + 1;
    const uint32_t index = Put(node, anchor, mark);
    open_.push_back(Frame{index, type == RawType::kMap, true, RawNode{}});
  }

  void Close() {
    Tick();
    if (skip_depth_ > 0) {
      if (--skip_depth_ == 0) {
        // The collection was a key: the key is not text.
        Frame& o = open_.back();
        o.pending = RawNode{};
        o.pending.key_type = skip_type_;
        o.pending.key_begin = skip_begin_;
        o.pending.key_end = skip_begin_ + 1;
        o.want_key = false;
      }
      return;
    }
    if (!open_.empty()) open_.pop_back();
  }

  const base::SourceFile& file_;
  std::string_view text_;
  Validator& validator_;
  uint32_t max_nesting_;
  RawRecord rec_;
  std::vector<Frame> open_;
  std::unordered_map<YAML::anchor_t, uint32_t> anchors_;
  uint32_t skip_depth_ = 0;
  RawType skip_type_ = RawType::kMap;
  uint32_t skip_begin_ = 0;
  uint64_t events_ = 0;
  size_t added_ = 0;
};

}  // namespace

size_t LoadYaml(const base::SourceFile& file, Validator& validator, base::DiagnosticEngine& diags,
                uint32_t max_nesting) {
  if (auto problem = PrescanYaml(file, max_nesting)) {
    diags.Add(std::move(*problem));
    return 0;
  }
  ViewBuffer buffer(file.text());
  std::istream in(&buffer);
  Builder builder(file, validator, max_nesting);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    const uint32_t at = OffsetOf(file, e.mark);
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0509, file.MakeSpan(at, at + 1), e.msg)
                  .WithLabel("here")
                  .WithHelp("the facts before this point are loaded; the rest of the file is not"));
  }
  return builder.added();
}

}  // namespace treaty::facts
