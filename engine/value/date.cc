#include "value/date.h"

#include <fmt/format.h>

namespace treaty::value {

// Howard Hinnant's days_from_civil; ToCivil is his civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The number written by the digits text[at, at + n); the caller has checked HasDateForm.
int DigitsAt(std::string_view text, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

std::string WhyInvalid(int year, int month, int day) {
  if (year < 1 || year > 9999) return "the year must be between 0001 and 9999";
  if (month < 1 || month > 12) return fmt::format("there is no month {}", month);
  if (day < 1 || day > DaysInMonth(year, month)) {
    return fmt::format("{} {} has {} days", kMonthNames[month - 1], year, DaysInMonth(year, month));
  }
  return "";
}

std::optional<Date> MakeDate(int year, int month, int day) {
  if (!WhyInvalid(year, month, day).empty()) return std::nullopt;
  return Date{static_cast<int32_t>(
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)))};
}

Civil ToCivil(Date date) {
  int64_t z = static_cast<int64_t>(date.days) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::string FormatDate(Date d) {
  Civil c = ToCivil(d);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

bool HasDateForm(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(t[i])) return false;
  }
  return true;
}

std::optional<Date> ParseDate(std::string_view t) {
  if (!HasDateForm(t)) return std::nullopt;
  return MakeDate(DigitsAt(t, 0, 4), DigitsAt(t, 5, 2), DigitsAt(t, 8, 2));
}

std::string WhyNotADate(std::string_view t) {
  if (!HasDateForm(t)) return "";
  return WhyInvalid(DigitsAt(t, 0, 4), DigitsAt(t, 5, 2), DigitsAt(t, 8, 2));
}

int Weekday(Date d) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (static_cast<int64_t>(d.days) + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

bool FitsCalendar(Duration dur) {
  constexpr int64_t kMonths = 9999 * 12, kDays = kLastDate.days - kFirstDate.days + 1;
  return dur.months >= -kMonths && dur.months <= kMonths && dur.days >= -kDays && dur.days <= kDays;
}

std::optional<Date> Add(Date d, Duration dur) {
  // Bounded operands first, so that no step below can overflow.
  if (!InCalendar(d) || !FitsCalendar(dur)) return std::nullopt;
  int64_t days = d.days;
  if (dur.months != 0) {
    Civil c = ToCivil(d);
    int64_t total = static_cast<int64_t>(c.year) * 12 + (c.month - 1) + dur.months;
    int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
    if (y < 1 || y > 9999) return std::nullopt;
    int m = static_cast<int>(total - y * 12) + 1;
    int day = std::min(c.day, DaysInMonth(static_cast<int>(y), m));
    days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(day));
  }
  days += dur.days;
  if (days < kFirstDate.days || days > kLastDate.days) return std::nullopt;
  return Date{static_cast<int32_t>(days)};
}

std::optional<Date> Subtract(Date d, Duration dur) {
  if (!FitsCalendar(dur)) return std::nullopt;  // also keeps the negation below in range
  return Add(d, Duration{-dur.months, -dur.days});
}

std::string FormatDuration(Duration dur) {
  std::string out;
  auto part = [&](int64_t n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += fmt::format("{} {}{}", n, unit, (n == 1 || n == -1) ? "" : "s");
  };
  if (dur.months % 12 == 0) {
    part(dur.months / 12, "year");
  } else {
    part(dur.months, "month");
  }
  part(dur.days, "day");
  return out.empty() ? "0 days" : out;
}

}  // namespace treaty::value
