#pragma once
/// The YAML adapter (the only code that includes yaml-cpp): one fact per document (documents
/// separated by `---`), or a document that is a sequence of facts; an empty file is valid.
/// yaml-cpp's events are read straight into a RawRecord per document and each fact goes to the
/// shared Validator. A YAML::Exception is caught here and becomes T0509 at its mark; the
/// documents before it are kept.

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "facts/validator.h"

namespace treaty::facts {

/// Loads every document of `file`; returns the number of facts added. A file PrescanYaml
/// refuses (not UTF-8, a control character, nested deeper than `max_nesting`) loads nothing;
/// collections nested deeper than `max_nesting` are a syntax error in any case.
size_t LoadYaml(const base::SourceFile& file, Validator& validator, base::DiagnosticEngine& diags,
                uint32_t max_nesting);

}  // namespace treaty::facts
