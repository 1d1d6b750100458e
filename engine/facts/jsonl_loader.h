#pragma once
/// The JSONL adapter: one JSON object a line (dates as "2026-03-01" strings), blank lines
/// ignored. A minimal hand-written JSON parser reads each line straight into a RawRecord with
/// byte spans (no DOM); a line that is not valid JSON is T0510 at its line and column, and the
/// other lines still load. Each record goes to the shared Validator.

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "facts/validator.h"

namespace treaty::facts {

/// Loads every line of `file`'s text (the whole file, or a streamed file's window of whole
/// lines); returns the number of facts added. A streamed file keeps the lines that got a
/// diagnostic (SourceFile::KeepLine). Values nested deeper than `max_nesting` are a syntax
/// error (the parser recurses once per level).
size_t LoadJsonl(base::SourceFile& file, Validator& validator, base::DiagnosticEngine& diags,
                 uint32_t max_nesting);

}  // namespace treaty::facts
