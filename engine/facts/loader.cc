#include "facts/loader.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "base/diagnostic.h"
#include "facts/jsonl_loader.h"
#include "facts/validator.h"
#include "facts/yaml_loader.h"

namespace treaty::facts {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr size_t kMaxFileSize = std::numeric_limits<uint32_t>::max();
constexpr const char* kTooLarge = "the file is larger than 4 GiB";

// Reads a JSONL file: whole when it fits in one window, else a window of whole lines at a
// time (the SourceFile then keeps only the lines with diagnostics). False when it could not
// be read at all.
bool StreamJsonl(const std::string& path, const base::FileSystem& fs, base::SourceSet& sources,
                 Validator& validator, base::DiagnosticEngine& diags, const LoadOptions& options) {
  const size_t window = std::max<size_t>(options.window_bytes, 1);
  std::string pending;                   // bytes read and not yet parsed
  base::SourceFile* streamed = nullptr;  // once the file is larger than a window
  uint64_t offset = 0;                   // of `pending` in the file
  uint32_t line = 1;                     // of `pending`
  bool too_large = false;
  auto parse = [&](size_t take) {
    if (streamed == nullptr) streamed = &sources.AddStreamed(path);
    std::string text = pending.substr(0, take);
    pending.erase(0, take);
    const auto lines = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
    streamed->SetWindow(static_cast<uint32_t>(offset), line, std::move(text));
    LoadJsonl(*streamed, validator, diags, options.max_nesting);
    offset += take;
    line += lines;
  };
  base::Status status = fs.ReadChunks(path, window, [&](std::string_view piece) {
    if (offset + pending.size() + piece.size() >= kMaxFileSize) {
      too_large = true;
      return false;
    }
    if (options.on_read) options.on_read(path, piece);
    pending.append(piece);
    if (pending.size() < window) return true;
    const size_t last_newline = pending.rfind('\n');
    if (last_newline != std::string::npos) parse(last_newline + 1);  // else: a long line
    return true;
  });
  if (!status.ok() || too_large) {
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, path,
                                   too_large ? std::string(kTooLarge) : status.message()));
    if (streamed == nullptr) return false;
  }
  if (streamed == nullptr) {
    // Small enough to keep: the whole file, as every other input.
    const base::FileId id = sources.Add(path, std::move(pending));
    LoadJsonl(sources.GetMutable(id), validator, diags, options.max_nesting);
    return true;
  }
  if (!pending.empty() && !too_large && status.ok()) parse(pending.size());
  streamed->SetWindow(static_cast<uint32_t>(offset), line, std::string());  // let go of the text
  return true;
}

}  // namespace

FactSet LoadFacts(const std::vector<std::string>& paths, const check::Portfolio& portfolio,
                  const base::FileSystem& fs, base::SourceSet& sources,
                  base::DiagnosticEngine& diags, const LoadOptions& options) {
  FactSet set;
  set.files = StreamFacts(
      paths, portfolio, fs, sources, diags, SIZE_MAX,
      [&set](FactSet&& all) { set.facts = std::move(all.facts); }, options);
  return set;
}

size_t StreamFacts(const std::vector<std::string>& paths, const check::Portfolio& portfolio,
                   const base::FileSystem& fs, base::SourceSet& sources,
                   base::DiagnosticEngine& diags, size_t batch,
                   const std::function<void(FactSet&&)>& consume, const LoadOptions& options) {
  FactSet set;
  size_t files_read = 0;
  Validator validator(portfolio, diags, set, batch, consume);
  std::unordered_set<std::string> read;
  for (const std::string& root : paths) {
    const base::FileListing listed = fs.ListFiles(root, options.extensions);
    for (const base::PathProblem& problem : listed.problems) {
      diags.Add(
          base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, problem.path, problem.message));
    }
    for (const std::string& path : listed.files) {
      if (!read.insert(path).second) continue;
      if (EndsWith(path, ".jsonl")) {
        if (StreamJsonl(path, fs, sources, validator, diags, options)) ++files_read;
        continue;
      }
      auto text = fs.ReadFile(path);
      if (!text.ok()) {
        diags.Add(base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, path,
                                       text.status().message()));
        continue;
      }
      if (text.value().size() >= kMaxFileSize) {
        diags.Add(base::MakeDiagnostic(base::DiagCode::T0512, base::Span{}, path, kTooLarge));
        continue;
      }
      if (options.on_read) options.on_read(path, text.value());
      const base::FileId id = sources.Add(path, std::move(text.value()));
      ++files_read;
      LoadYaml(sources.Get(id), validator, diags, options.max_nesting);
    }
  }
  if (!set.facts.empty()) consume(std::move(set));
  return files_read;
}

}  // namespace treaty::facts
