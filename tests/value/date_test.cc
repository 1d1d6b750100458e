// value/date: the date form, why a dddd-dd-dd text is not a date, and the day count of any
// proleptic Gregorian year-month-day (past the calendar's ends too, for drawing).
#include "value/date.h"

#include <catch2/catch.hpp>

namespace treaty::value {
namespace {

TEST_CASE("HasDateForm: dddd-dd-dd, whether or not the date exists", "[value][dates]") {
  CHECK(HasDateForm("2026-11-29"));
  CHECK(HasDateForm("2026-02-30"));
  CHECK(HasDateForm("0000-13-99"));
  CHECK_FALSE(HasDateForm(""));
  CHECK_FALSE(HasDateForm("2026-1-29"));
  CHECK_FALSE(HasDateForm("2026-11-290"));
  CHECK_FALSE(HasDateForm("2026/11/29"));
  CHECK_FALSE(HasDateForm("2026-1a-29"));
  CHECK_FALSE(HasDateForm("+026-11-29"));
  CHECK_FALSE(HasDateForm("today"));
}

TEST_CASE("WhyNotADate says why a text of the date form is no date", "[value][dates]") {
  CHECK(WhyNotADate("2026-11-29") == "");
  CHECK(WhyNotADate("2024-02-29") == "");
  CHECK(WhyNotADate("tomorrow") == "");
  CHECK(WhyNotADate("2026-2-30") == "");
  CHECK(WhyNotADate("2026-02-29") == "February 2026 has 28 days");
  CHECK(WhyNotADate("2026-04-31") == "April 2026 has 30 days");
  CHECK(WhyNotADate("2026-13-01") == "there is no month 13");
  CHECK(WhyNotADate("2026-00-10") == "there is no month 0");
  CHECK(WhyNotADate("0000-01-01") == "the year must be between 0001 and 9999");
  // ParseDate takes exactly the texts of the form that WhyNotADate finds nothing wrong with.
  for (const char* t : {"2026-11-29", "2026-02-29", "0000-01-01", "9999-12-31", "2026-13-01"}) {
    INFO(t);
    CHECK(ParseDate(t).has_value() == WhyNotADate(t).empty());
  }
}

TEST_CASE("DaysFromCivil counts days from 1970-01-01, past the calendar's ends too",
          "[value][dates]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(1969, 12, 31) == -1);
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(DaysFromCivil(1, 1, 1) == kFirstDate.days);
  CHECK(DaysFromCivil(9999, 12, 31) == kLastDate.days);
  CHECK(DaysFromCivil(10000, 1, 1) == kLastDate.days + 1);
  CHECK(DaysFromCivil(10001, 1, 1) == kLastDate.days + 1 + 366);  // 10000 is a leap year
  CHECK(DaysFromCivil(0, 12, 31) == kFirstDate.days - 1);
  for (const char* t : {"0001-01-01", "1970-01-01", "2024-02-29", "2026-11-29", "9999-12-31"}) {
    INFO(t);
    const Civil c = ToCivil(*ParseDate(t));
    CHECK(DaysFromCivil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day)) ==
          ParseDate(t)->days);
  }
}

}  // namespace
}  // namespace treaty::value
