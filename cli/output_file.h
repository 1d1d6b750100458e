#pragma once
/// Where the commands write, safely. An output file may not be one of the command's inputs
/// (the audit store and its SQLite side files, a policy or fact file): same device and inode
/// when both exist, else the same canonical path. A regular (or new) output file is written to
/// a temporary file in its directory and renamed into place only when every byte is on disk,
/// so a failed write leaves the old file as it was; a device or FIFO is written directly.
/// `treaty init` writes only new files and never through a symlink. Standard output is
/// checked at exit: a write error there is exit 2, not 0. Errors are messages for PrintError.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treaty::cli {

/// A file a command reads or keeps, which no output may replace. `role` names it in the error
/// ("the audit store", "a policy file").
struct ProtectedFile {
  std::string path;
  std::string role;
};

/// What a check or audit reads: every policy and fact file under the roots, listed as the run
/// lists them (base::WalkDirectory; roots that are files or cannot be listed as given), the
/// treaty.yaml read (`config`, when not empty) and, when `db` is not empty, the store and its
/// `-wal`, `-shm` and `-journal` files (whether they exist yet or not).
std::vector<ProtectedFile> RunInputs(const std::vector<std::string>& policy_roots,
                                     const std::vector<std::string>& fact_paths,
                                     const std::string& config, const std::string& db = "");

/// "refusing to write OPTION `OUTPUT`: it is the same file as ROLE `PATH`…" when `output` is
/// one of `inputs`; nullopt otherwise. `option` is how the user named it ("--report").
std::optional<std::string> SameFileAsInput(const std::string& output, std::string_view option,
                                           const std::vector<ProtectedFile>& inputs);

/// Why a file was not written: "No space left on device", "it is a symbolic link (to `x`)".
struct WriteError {
  std::string path;
  std::string reason;
  /// "cannot write `PATH`: REASON" (the wording of T0611).
  std::string message() const;
};

/// Writes `text` to `path` as described above; a symlink to a file is followed (its target
/// replaced, the link kept). On failure nothing has changed at `path`.
std::optional<WriteError> WriteOutputFile(const std::string& path, std::string_view text);

/// Creates `path` with `text`; refuses when anything exists there, a dangling symlink included
/// (O_CREAT|O_EXCL|O_NOFOLLOW), and removes a partly written file.
std::optional<WriteError> WriteNewFile(const std::string& path, std::string_view text);

/// Flushes standard output; "cannot write to standard output: REASON" when any write to it
/// failed (a full disk, /dev/full, a closed descriptor).
std::optional<std::string> FinishStdout();

}  // namespace treaty::cli
