#pragma once
/// Collects the diagnostics of a run from every pass; sorts (by file, position, code) and
/// removes exact duplicates on demand; counts by severity. Producing and rendering are apart:
/// passes Add(), reporters read Sorted(). Not thread-safe.

#include <vector>

#include "base/diagnostic.h"

namespace treaty::base {

class DiagnosticEngine {
 public:
  void Add(Diagnostic d);
  /// Diagnostics in a stable order: file id, offset, code, message; exact duplicates removed.
  std::vector<Diagnostic> Sorted() const;
  const std::vector<Diagnostic>& all() const { return diagnostics_; }

  size_t error_count() const { return counts_[0]; }
  size_t warning_count() const { return counts_[1]; }
  size_t info_count() const { return counts_[2]; }
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t counts_[3] = {0, 0, 0};
};

}  // namespace treaty::base
