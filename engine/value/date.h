#pragma once
/// Calendar dates and durations. A Date is a count of days since 1970-01-01 in the proleptic
/// Gregorian calendar; a Duration is months plus days (`6 months`, `30 days`, `2 weeks` = 14
/// days, `1 year` = 12 months). Adding months clamps to the month's last day. Durations compare
/// by their length in days, a month counting as 30 days and a year as 365 days.
/// Every date Treaty makes lies in the calendar 0001-01-01 .. 9999-12-31: parsing refuses the
/// others, and Add answers nullopt (never a wrapped-around date) when the result leaves it.

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
/// Whether `text` has the form dddd-dd-dd (ASCII digits), whether or not the date exists.
bool HasDateForm(std::string_view text);
/// Why a text of the date form is not a date, for messages ("February 2026 has 28 days"); ""
/// when it is a date or does not have the form.
std::string WhyNotADate(std::string_view text);
/// Days since 1970-01-01 of any proleptic Gregorian year-month-day (month 1..12, day
/// 1..31), past the calendar's ends too: no range check, for arithmetic such as drawing.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
int DaysInMonth(int year, int month);
/// 1 = Monday … 7 = Sunday.
int Weekday(Date d);

struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  bool operator==(const Duration&) const = default;
  int64_t ApproxDays() const { return (months / 12) * 365 + (months % 12) * 30 + days; }
};

/// The first and last days of the calendar, 0001-01-01 and 9999-12-31.
inline constexpr Date kFirstDate{-719162};
inline constexpr Date kLastDate{2932896};
inline bool InCalendar(Date d) { return d >= kFirstDate && d <= kLastDate; }
/// Whether the duration is no longer than the calendar (at most 119,988 months and 3,652,059
/// days either way); a longer one moves every date out of it.
bool FitsCalendar(Duration dur);

/// `d` moved by `dur`; nullopt when `d` or the result is outside the calendar.
std::optional<Date> Add(Date d, Duration dur);
std::optional<Date> Subtract(Date d, Duration dur);
/// "30 days", "6 months", "1 year 2 days".
std::string FormatDuration(Duration dur);

}  // namespace treaty::value
