#pragma once
/// Loading facts (LANGUAGE.md §7), the input adapter of `treaty check`: fact files (YAML, JSONL)
/// -> a validated FactSet. Every file's text is added to the SourceSet so diagnostics show the
/// source line (a large JSONL file is streamed: only the lines with diagnostics are kept); every
/// problem is a T05xx diagnostic and a bad fact is skipped while the others load. LoadFacts keeps
/// every fact; StreamFacts hands them over in batches (one loading path).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "check/model.h"
#include "facts/fact.h"

namespace treaty::facts {

struct LoadOptions {
  /// Files taken when walking a directory. A file named explicitly is always read: `.jsonl` as
  /// JSON lines, anything else as YAML.
  std::vector<std::string> extensions = {".yaml", ".yml", ".jsonl"};
  /// Deepest nesting of lists and mappings accepted in a fact (a fact needs 3); deeper input is
  /// a syntax error, which keeps hostile input from exhausting the stack.
  uint32_t max_nesting = 64;
  /// A `.jsonl` file larger than this is streamed: read and parsed this many bytes (whole
  /// lines) at a time, and only the lines with a diagnostic are kept for it, so memory does not
  /// grow with the file. Smaller files, and YAML files, are read whole.
  size_t window_bytes = size_t{4} << 20;
  /// When set, receives every byte of each fact file read, in order, in one or more pieces
  /// (e.g. to digest the files without keeping them).
  std::function<void(const std::string& path, std::string_view bytes)> on_read;
};

/// Reads every fact file under `paths` (files, or directories walked recursively; files in byte
/// order of their path, each read once) and validates each fact against `portfolio`. Unreadable
/// or missing paths are T0512. Facts keep load order: files in order, then document order.
FactSet LoadFacts(const std::vector<std::string>& paths, const check::Portfolio& portfolio,
                  const base::FileSystem& fs, base::SourceSet& sources,
                  base::DiagnosticEngine& diags, const LoadOptions& options = {});

/// Like LoadFacts, but hands the valid facts over to `consume` in batches of `batch` facts (the
/// last batch may be smaller; none when no fact is valid), in load order, as they load, instead
/// of keeping them. Between batches only each earlier fact's kind, id and span are kept (to
/// report duplicate ids, T0507, with the note pointing at the first one). Returns the number of
/// fact files read (FactSet::files of each batch is 0). A `batch` of 0 counts as 1.
size_t StreamFacts(const std::vector<std::string>& paths, const check::Portfolio& portfolio,
                   const base::FileSystem& fs, base::SourceSet& sources,
                   base::DiagnosticEngine& diags, size_t batch,
                   const std::function<void(FactSet&&)>& consume, const LoadOptions& options = {});

}  // namespace treaty::facts
