#pragma once
/// Reading input files, behind an interface so tests can fake it (ninja's DiskInterface).
/// RealFileSystem reads the disk; ListFiles walks directories recursively and returns paths
/// in byte order.

#include <string>
#include <vector>

#include "base/status.h"

namespace treaty::base {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  /// Files under `path` (itself when it is a file) whose names end with one of `extensions`,
  /// sorted by byte order of their path. NotFound when `path` does not exist.
  virtual Result<std::vector<std::string>> ListFiles(
      const std::string& path, const std::vector<std::string>& extensions) const = 0;
};

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) const override;
  Result<std::vector<std::string>> ListFiles(
      const std::string& path, const std::vector<std::string>& extensions) const override;
};

}  // namespace treaty::base
