#pragma once
/// The front end in one call: find every `*.treaty` file under the policy roots (directories
/// walked recursively, files taken in byte order of their path), read, parse and check them.
/// Used by every command that needs a portfolio (lint, check, test, …).

#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "check/model.h"

namespace treaty::driver {

struct Frontend {
  check::Portfolio portfolio;
  size_t policy_files = 0;
};

/// The `*.treaty` files under `roots`, in order. Every path that cannot be read (a missing
/// root, a dangling link, a directory that may not be opened, a link loop) is T0112, a root
/// with no policy file and no such problem T0603; everything else is still listed.
std::vector<std::string> ListPolicyFiles(const std::vector<std::string>& roots,
                                         const base::FileSystem& fs, base::DiagnosticEngine& diags);

/// Unreadable or missing roots are diagnostics (T0112, T0603), not failures.
Frontend CompilePortfolio(const std::vector<std::string>& roots, const base::FileSystem& fs,
                          base::SourceSet& sources, base::DiagnosticEngine& diags);

}  // namespace treaty::driver
