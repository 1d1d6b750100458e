#pragma once
/// How the text reports look: a TextStyle (colour or not) and the one palette of ANSI colours
/// every text report paints with, so that errors, warnings, passes and gutters look alike
/// everywhere. Without colour every entry is "". Pure functions.

#include "base/severity.h"

namespace treaty::report {

struct TextStyle {
  bool color = false;  // ANSI colours
};

struct Palette {
  const char* error = "";    // errors, failures, breaches
  const char* warning = "";  // warnings, pending
  const char* info = "";
  const char* ok = "";      // passes, resolved
  const char* accent = "";  // line numbers and gutters
  const char* dim = "";
  const char* bold = "";
  const char* reset = "";
};

Palette MakePalette(const TextStyle& style);

/// The palette entry for a severity: error, warning or info.
const char* SeverityColor(const Palette& p, base::Severity s);

}  // namespace treaty::report
