#include "base/diagnostic.h"

namespace treaty::base {

namespace {
constexpr Severity Error = Severity::kError;
constexpr Severity Warning = Severity::kWarning;
[[maybe_unused]] constexpr Severity Info = Severity::kInfo;

constexpr DiagInfo kInfos[] = {
#define TREATY_DIAG(code, severity, format) {#code, severity, format},
#include "base/diagnostic_kinds.def"
#undef TREATY_DIAG
};
}  // namespace

const DiagInfo& InfoOf(DiagCode code) { return kInfos[static_cast<size_t>(code)]; }

}  // namespace treaty::base
