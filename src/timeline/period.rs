//! Calendar periods: a date floored to its day, ISO week (Monday first), month, quarter or
//! year, the period after it, and how it is written.

use jiff::civil::Date;
use jiff::ToSpan;

/// The length of one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        }
    }
}

/// Most bars a chosen unit may give. The finest unit within it is chosen; as the next
/// coarser unit is at most ~4.3 times longer (day → week: 41 days are 6 weeks or more), a
/// span of six days or more always gets 6 to 40 bars.
pub const MAX_BARS: usize = 40;

/// The period of `unit` holding `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: Date,
    pub unit: Unit,
}

impl Period {
    pub fn of(date: Date, unit: Unit) -> Period {
        let start = match unit {
            Unit::Day => date,
            Unit::Week => {
                let back = i64::from(date.weekday().to_monday_zero_offset());
                date.checked_sub(back.days()).unwrap_or(date)
            }
            Unit::Month => date.first_of_month(),
            Unit::Quarter => {
                let month = (date.month() - 1) / 3 * 3 + 1;
                Date::new(date.year(), month, 1).expect("first day of a quarter exists")
            }
            Unit::Year => Date::new(date.year(), 1, 1).expect("1 January exists"),
        };
        Period { start, unit }
    }

    /// The first day of the next period.
    pub fn next_start(&self) -> Date {
        let span = match self.unit {
            Unit::Day => 1.day(),
            Unit::Week => 1.week(),
            Unit::Month => 1.month(),
            Unit::Quarter => 3.months(),
            Unit::Year => 1.year(),
        };
        self.start.checked_add(span).unwrap_or(Date::MAX)
    }

    pub fn next(&self) -> Period {
        Period {
            start: self.next_start(),
            unit: self.unit,
        }
    }

    /// The last day of the period (inclusive).
    pub fn end(&self) -> Date {
        self.next_start().yesterday().unwrap_or(Date::MAX)
    }

    /// `2025-03-04`, `2025-W10` (ISO week), `2025-03`, `2025-Q1`, `2025`.
    pub fn label(&self) -> String {
        let d = self.start;
        match self.unit {
            Unit::Day => d.strftime("%Y-%m-%d").to_string(),
            Unit::Week => {
                let iso = d.iso_week_date();
                format!("{:04}-W{:02}", iso.year(), iso.week())
            }
            Unit::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Unit::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            Unit::Year => format!("{:04}", d.year()),
        }
    }
}

/// How many periods of `unit` run from the one holding `first` to the one holding `last`.
pub fn periods_between(first: Date, last: Date, unit: Unit) -> usize {
    let (first, last) = (Period::of(first, unit), Period::of(last, unit));
    let months = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month()) - 1;
    let n = match unit {
        Unit::Day => first
            .start
            .until(last.start)
            .map_or(0, |s| s.get_days() as i64),
        Unit::Week => {
            first
                .start
                .until(last.start)
                .map_or(0, |s| s.get_days() as i64)
                / 7
        }
        Unit::Month => months(last.start) - months(first.start),
        Unit::Quarter => (months(last.start) - months(first.start)) / 3,
        Unit::Year => i64::from(last.start.year() - first.start.year()),
    };
    n.max(0) as usize + 1
}

/// The finest unit that draws the span in at most [`MAX_BARS`] bars (years if none does).
pub fn choose_unit(first: Date, last: Date) -> Unit {
    Unit::ALL
        .into_iter()
        .find(|&u| periods_between(first, last, u) <= MAX_BARS)
        .unwrap_or(Unit::Year)
}
