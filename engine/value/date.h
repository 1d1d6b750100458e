#pragma once
/// Calendar dates and durations. A Date is a count of days since 1970-01-01 in the proleptic
/// Gregorian calendar; a Duration is months plus days (`6 months`, `30 days`, `2 weeks` = 14
/// days, `1 year` = 12 months). Adding months clamps to the month's last day. Durations compare
/// by their length in days, a month counting as 30 days and a year as 365 days.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace treaty::value {

struct Date {
  int32_t days = 0;  // since 1970-01-01
  auto operator<=>(const Date&) const = default;
};

struct Civil {
  int year = 1970, month = 1, day = 1;
};

/// nullopt when the date does not exist (month 13, 2026-02-30, …).
std::optional<Date> MakeDate(int year, int month, int day);
/// Why `year-month-day` is not a date ("February 2026 has 28 days"), or "" when it is one.
std::string WhyInvalid(int year, int month, int day);
Civil ToCivil(Date d);
/// `YYYY-MM-DD`.
std::string FormatDate(Date d);
/// Parses exactly `YYYY-MM-DD`; nullopt on any other text or an invalid date.
std::optional<Date> ParseDate(std::string_view text);
int DaysInMonth(int year, int month);
/// 1 = Monday … 7 = Sunday.
int Weekday(Date d);

struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  bool operator==(const Duration&) const = default;
  int64_t ApproxDays() const { return (months / 12) * 365 + (months % 12) * 30 + days; }
};

Date Add(Date d, Duration dur);
Date Subtract(Date d, Duration dur);
/// "30 days", "6 months", "1 year 2 days".
std::string FormatDuration(Duration dur);

}  // namespace treaty::value
