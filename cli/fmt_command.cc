// `treaty fmt [--check] [--stdout] [FILES…]`: rewrite policy files in the canonical layout
// (format::Format). Without FILES, every *.treaty file under the policy roots (--policies,
// treaty.yaml, else policies/). A file with syntax errors is never rewritten.
#include <cstdio>

#include <fmt/format.h>

#include "base/file_system.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "driver/config.h"
#include "driver/frontend.h"
#include "exit_codes.h"
#include "format/formatter.h"
#include "output_file.h"

namespace treaty::cli {

namespace {

struct FmtOptions {
  CommonOptions common;
  std::vector<std::string> files;
  bool check = false;
  bool to_stdout = false;
};

int RunFmt(const FmtOptions& options) {
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  std::vector<std::string> roots = options.files;
  if (roots.empty()) {
    roots = options.common.policies;
    if (roots.empty()) roots = driver::FindProjectConfig(".", sources, diags).policies;
  }
  const std::vector<std::string> paths = driver::ListPolicyFiles(roots, fs, diags);

  std::vector<std::string> changed;
  size_t unchanged = 0;
  bool bug = false;
  for (const auto& path : paths) {
    auto text = fs.ReadFile(path);
    if (!text.ok()) {
      diags.Add(
          base::MakeDiagnostic(base::DiagCode::T0112, base::Span{}, path, text.status().message()));
      continue;
    }
    const base::FileId id = sources.Add(path, std::move(text.value()));
    const base::SourceFile& file = sources.Get(id);
    format::FormatResult result = format::Format(file, diags);
    if (result.outcome == format::FormatResult::Outcome::kSyntaxErrors) continue;
    if (result.outcome == format::FormatResult::Outcome::kBug) {
      std::fputs(fmt::format("treaty: internal error: {}; the file was left as it is\nthis is a "
                             "bug in Treaty; please report it with the file that caused it\n",
                             result.text)
                     .c_str(),
                 stderr);
      bug = true;
      continue;
    }
    if (options.to_stdout) {
      std::fputs(result.text.c_str(), stdout);
      if (result.text != file.text()) changed.push_back(path);
      continue;
    }
    if (result.text == file.text()) {
      ++unchanged;
      continue;
    }
    changed.push_back(path);
    if (options.check) continue;
    // Through a temporary file: a failed write leaves the policy file as it was.
    if (auto error = WriteOutputFile(path, result.text)) {
      diags.Add(
          base::MakeDiagnostic(base::DiagCode::T0611, base::Span{}, error->path, error->reason));
    }
  }

  PrintDiagnostics(diags.Sorted(), sources, options.common.color);
  if (!options.to_stdout) {
    if (options.check) {
      for (const auto& path : changed) std::fputs(fmt::format("{}\n", path).c_str(), stdout);
      if (!changed.empty()) {
        std::fputs(
            fmt::format("{} file{} not formatted; run `treaty fmt` to format {}\n", changed.size(),
                        changed.size() == 1 ? " is" : "s are", changed.size() == 1 ? "it" : "them")
                .c_str(),
            stderr);
      }
    } else {
      for (const auto& path : changed) {
        std::fputs(fmt::format("formatted {}\n", path).c_str(), stdout);
      }
    }
    if (!options.common.quiet && changed.empty() && !diags.has_errors() && !bug) {
      std::fputs(
          fmt::format("ok: {} file{} already formatted\n", unchanged, unchanged == 1 ? "" : "s")
              .c_str(),
          stdout);
    }
  }
  if (bug) return kExitInternal;
  if (diags.has_errors()) return kExitInput;
  if (options.check && !changed.empty()) return kExitFindings;
  return kExitOk;
}

}  // namespace

void RegisterFmt(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* cmd =
      app.add_subcommand("fmt", "Rewrite policy files in the one canonical layout, comments kept");
  cmd->footer(
      "Without FILES, formats every *.treaty file under the policy roots (--policies, "
      "treaty.yaml, else policies/).\nA file with syntax errors is reported and left as it "
      "is (exit 2).\n\nExamples:\n  treaty fmt\n  treaty fmt --check policies/\n  treaty fmt "
      "--stdout policies/microsoft.treaty");
  cmd->add_option("FILES", options->files, "Policy files or directories to format");
  CLI::Option* check =
      cmd->add_flag("--check", options->check,
                    "Rewrite nothing; list the files that are not formatted and exit 1 if any");
  cmd->add_flag("--stdout", options->to_stdout,
                "Print the formatted text instead of rewriting the files")
      ->excludes(check);
  cmd->add_option("--policies", options->common.policies,
                  "Policy file or directory when no FILES are given (repeatable; default: "
                  "treaty.yaml, else policies/)")
      ->allow_extra_args(false);
  AddColorOption(*cmd, options->common.color);
  cmd->add_flag("-q,--quiet", options->common.quiet, "Print only problems and changed files");
  cmd->callback([options, &exit_code] { exit_code = RunFmt(*options); });
}

}  // namespace treaty::cli
