#pragma once
/// A problem in the user's input, as a value: a stable code from diagnostic_kinds.def, a
/// severity, a message built from the code's format, the primary span with a label, notes at
/// related spans, and a help line (the fix, or a did-you-mean). Rendering lives in report/.

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/severity.h"
#include "base/span.h"

namespace treaty::base {

enum class DiagCode : uint16_t {
#define TREATY_DIAG(code, severity, format) code,
#include "base/diagnostic_kinds.def"
#undef TREATY_DIAG
};

struct DiagInfo {
  std::string_view code;  // "T0203"
  Severity severity;
  std::string_view format;
};

const DiagInfo& InfoOf(DiagCode code);

struct Note {
  Span span;  // may be invalid for a note without a location
  std::string message;
};

struct Diagnostic {
  DiagCode code{};
  Severity severity = Severity::kError;
  std::string message;
  Span span;
  std::string label;  // shown under the caret
  std::vector<Note> notes;
  std::string help;

  Diagnostic&& WithLabel(std::string l) && {
    label = std::move(l);
    return std::move(*this);
  }
  Diagnostic&& WithHelp(std::string h) && {
    help = std::move(h);
    return std::move(*this);
  }
  Diagnostic&& WithNote(Span s, std::string m) && {
    notes.push_back({s, std::move(m)});
    return std::move(*this);
  }
  std::string_view code_name() const { return InfoOf(code).code; }
};

/// Builds a diagnostic whose message is the code's format applied to `args`.
template <typename... Args>
Diagnostic MakeDiagnostic(DiagCode code, Span span, Args&&... args) {
  const DiagInfo& info = InfoOf(code);
  Diagnostic d;
  d.code = code;
  d.severity = info.severity;
  d.message = fmt::format(fmt::runtime(info.format), std::forward<Args>(args)...);
  d.span = span;
  return d;
}

}  // namespace treaty::base
