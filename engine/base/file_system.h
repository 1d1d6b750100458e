#pragma once
/// Reading input files, behind an interface so tests can fake it (ninja's DiskInterface).
/// RealFileSystem reads the disk (only regular files, checked before they are opened:
/// base/input_file.h); ListFiles walks directories recursively (base/directory_walk.h) and
/// returns paths in byte order with the paths it could not read. ReadChunks reads a file a
/// piece at a time, so a large file need not be in memory at once.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/directory_walk.h"
#include "base/status.h"

namespace treaty::base {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  /// Hands the bytes of `path` to `consume` in order, in pieces of at most `chunk` bytes, until
  /// the end or until `consume` returns false. Errors as ReadFile. The default reads the whole
  /// file with ReadFile.
  virtual Status ReadChunks(const std::string& path, size_t chunk,
                            const std::function<bool(std::string_view)>& consume) const;
  /// Files under `path` (itself when it is a file) whose names end with one of `extensions`,
  /// sorted by byte order of their path, and the paths that could not be read (`path` itself
  /// when it does not exist).
  virtual FileListing ListFiles(
      const std::string& path, const std::vector<std::string>& extensions) const = 0;
};

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) const override;
  Status ReadChunks(const std::string& path, size_t chunk,
                    const std::function<bool(std::string_view)>& consume) const override;
  FileListing ListFiles(const std::string& path,
                        const std::vector<std::string>& extensions) const override;
};

}  // namespace treaty::base
