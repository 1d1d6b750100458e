#pragma once
/// Opening an input file safely: the path is checked with stat before it is opened, so a
/// device (/dev/zero), a FIFO (which would block), a socket or a file too large to index is
/// refused with a message and never read; the file is opened with O_NONBLOCK and checked again
/// with fstat (a path swapped for a FIFO between the two still cannot block). Messages are
/// strerror's text in lowercase ("permission denied"), or "not a regular file", "is a
/// directory", "the file is larger than 4 GiB" (or N bytes, for another limit).

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "base/status.h"

namespace treaty::base {

/// The largest input file: byte offsets in spans are 32-bit.
inline constexpr uint64_t kMaxInputBytes = UINT32_MAX - 1;

/// An error's text as Treaty prints it: strerror(err) with a lowercase first letter.
std::string ErrnoMessage(int err);

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

/// A regular file opened for reading (blocking again once opened), or why it cannot be read.
Result<FilePtr> OpenInputFile(const std::string& path, uint64_t max_bytes = kMaxInputBytes);

/// The whole of a regular file, read after OpenInputFile's checks; a file that grows past
/// `max_bytes` while it is read is refused too.
Result<std::string> ReadInputFile(const std::string& path, uint64_t max_bytes = kMaxInputBytes);

}  // namespace treaty::base
