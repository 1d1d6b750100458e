#include "base/diagnostic_engine.h"

#include <algorithm>
#include <tuple>

namespace treaty::base {

void DiagnosticEngine::Add(Diagnostic d) {
  counts_[static_cast<size_t>(d.severity)]++;
  diagnostics_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticEngine::Sorted() const {
  std::vector<Diagnostic> out = diagnostics_;
  auto key = [](const Diagnostic& d) {
    return std::tie(d.span.file, d.span.begin, d.code, d.message, d.span.end);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace treaty::base
