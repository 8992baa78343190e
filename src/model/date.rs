//! Calendar dates as government documents state them: a year, a month or a day.
//!
//! Documents say "2019年4月-6月", "到2025年", "2022年4月5日之前": the precision varies, so a
//! date keeps the precision it was written with. A deadline of `2025` means the end of
//! 2025; a start of `2019-04` means the first of April.

use crate::i18n::t;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date with year, optional month and optional day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateSpec {
    /// Calendar year, e.g. 2025.
    pub year: i32,
    /// Month 1–12 when stated.
    pub month: Option<u32>,
    /// Day of month when stated (only with a month).
    pub day: Option<u32>,
}

/// A fully resolved calendar day, used for comparisons and chart axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Day {
    /// Calendar year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Earliest year accepted in a date (documents of the programmes are all far later).
pub const MIN_YEAR: i32 = 1000;

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl DateSpec {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible dates such as 2019-02-30.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let bad = || {
            DateError(t(
                format!("“{text}”不是日期：请写作 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2025-12-31"),
                format!("“{text}” is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-12-31"),
            ))
        };
        let parts: Vec<&str> = text.split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(bad());
        }
        let number = |s: &str| -> Result<u32, DateError> {
            if s.chars().all(|c| c.is_ascii_digit()) && s.len() <= 4 {
                s.parse::<u32>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        if parts[0].len() != 4 {
            return Err(bad());
        }
        let year = number(parts[0])? as i32;
        if year < MIN_YEAR {
            // "0000" would be published as 0年1月1日.
            return Err(DateError(t(
                format!("“{text}”：年份 {year} 不合理，应为 {MIN_YEAR} 年以后的四位数年份，例如 2025"),
                format!("“{text}”: the year {year} cannot be right; write a four-digit year from {MIN_YEAR} on, e.g. 2025"),
            )));
        }
        let month = parts.get(1).map(|m| number(m)).transpose()?;
        let day = parts.get(2).map(|d| number(d)).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(t(
                    format!("“{text}”：没有 {m} 月（月份为 1–12）"),
                    format!("“{text}”: month {m} does not exist (1–12)"),
                )));
            }
            if let Some(d) = day {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(DateError(t(
                        format!("“{text}”：{year}年{m}月只有 {last} 天，没有 {d} 日"),
                        format!(
                            "“{text}”: {year}-{m:02} has {last} days, so day {d} does not exist"
                        ),
                    )));
                }
            }
        }
        Ok(DateSpec { year, month, day })
    }

    /// The first day this date covers (a start date).
    pub fn first_day(&self) -> Day {
        Day {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day this date covers (a deadline): `2025` is 2025-12-31.
    pub fn last_day(&self) -> Day {
        let month = self.month.unwrap_or(12);
        Day {
            year: self.year,
            month,
            day: self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        }
    }

    /// The date written the Chinese way, at its own precision: 2019年3月29日, 2025年12月, 2025年.
    pub fn to_chinese(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}年{}月{}日", self.year, m, d),
            (Some(m), None) => format!("{}年{}月", self.year, m),
            _ => format!("{}年", self.year),
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for DateSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for DateSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DateSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&t(
                    "写作 YYYY、YYYY-MM 或 YYYY-MM-DD 的日期",
                    "a date written YYYY, YYYY-MM or YYYY-MM-DD",
                ))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateSpec, E> {
                DateSpec::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateSpec, E> {
                DateSpec::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateSpec, E> {
                DateSpec::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Day {
    /// Days since 1970-01-01 (proleptic Gregorian), for measuring spans and placing charts.
    pub fn ordinal(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Written the Chinese way: 2019年3月29日.
    pub fn to_chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Position within the year as a fraction, for placing dates on a time axis.
    pub fn as_year_fraction(&self) -> f64 {
        let start = Day {
            year: self.year,
            month: 1,
            day: 1,
        }
        .ordinal();
        let end = Day {
            year: self.year + 1,
            month: 1,
            day: 1,
        }
        .ordinal();
        f64::from(self.year) + (self.ordinal() - start) as f64 / (end - start) as f64
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl schemars::JsonSchema for DateSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateSpec".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "日期，按文件的精度写作 YYYY、YYYY-MM 或 YYYY-MM-DD（截止日期 2025 表示 2025 年底）",
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            DateSpec::parse("2025").unwrap().last_day().to_string(),
            "2025-12-31"
        );
        assert_eq!(
            DateSpec::parse("2019-04").unwrap().first_day().to_string(),
            "2019-04-01"
        );
        assert_eq!(
            DateSpec::parse("2019-02").unwrap().last_day().to_string(),
            "2019-02-28"
        );
        assert_eq!(
            DateSpec::parse("2020-02").unwrap().last_day().to_string(),
            "2020-02-29"
        );
        assert_eq!(
            DateSpec::parse("2022-04-05").unwrap().to_chinese(),
            "2022年4月5日"
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(DateSpec::parse("0000-01-01").is_err());
        assert!(DateSpec::parse("0999").is_err());
        assert!(DateSpec::parse("1000").is_ok());
        assert!(DateSpec::parse("2019-02-30").is_err());
        assert!(DateSpec::parse("2019-13").is_err());
        assert!(DateSpec::parse("19-01-01").is_err());
        assert!(DateSpec::parse("2019/01/01").is_err());
        assert!(DateSpec::parse("").is_err());
    }

    #[test]
    fn ordinal_counts_days() {
        let a = DateSpec::parse("2019-03-29").unwrap().first_day();
        let b = DateSpec::parse("2019-04-01").unwrap().first_day();
        assert_eq!(b.ordinal() - a.ordinal(), 3);
        assert_eq!(
            Day {
                year: 1970,
                month: 1,
                day: 1
            }
            .ordinal(),
            0
        );
    }
}
