#pragma once
/// Skipping the teardown of big run objects just before the process exits (clang's
/// `-disable-free` idea): the kernel reclaims the memory at once, while freeing a run object by
/// object (100k facts, their findings) costs a large share of a whole `treaty check`.

#include <memory>

#if defined(__SANITIZE_ADDRESS__)
#define TREATY_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define TREATY_FREE_AT_EXIT 1
#endif
#endif

namespace treaty::cli {

/// Gives up ownership of `owned` without destroying it; call only on the way out of a command,
/// after everything has been written. Under AddressSanitizer (whose LeakSanitizer would report
/// the deliberate leak) the object is destroyed as usual, so leak checks stay meaningful.
template <typename T>
void ReleaseAtExit(std::unique_ptr<T> owned) {
#ifdef TREATY_FREE_AT_EXIT
  owned.reset();
#else
  static_cast<void>(owned.release());  // NOLINT: deliberate; the process is about to exit
#endif
}

}  // namespace treaty::cli
