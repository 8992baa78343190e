//! Checks on a site's own indicator catalogue (`content/indicators.yaml`): every id names
//! one indicator and one page, and every scale and range makes sense.

use crate::error::Diagnostic;
use crate::i18n::t;
use crate::model::{Indicator, IndicatorKind};
use crate::yaml::Locator;
use std::collections::HashMap;
use std::path::Path;

/// Longest indicator id, in characters.
pub const MAX_ID_CHARS: usize = 64;

/// Longest indicator name or level label, in characters: names are shown on every page
/// that lists the indicator.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether `id` may name an indicator: a lowercase letter a–z, then letters, digits, `_`
/// and `-`, at most [`MAX_ID_CHARS`]. Such ids are their own page folder names (with `_`
/// written `-`), so no two pages can share one unless two ids differ only there, which
/// [`check`] refuses.
pub fn is_safe_indicator_id(id: &str) -> bool {
    id.len() <= MAX_ID_CHARS
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Every problem of the indicators `list` read from `text` (the file `file`), given the
/// built-in catalogue `builtin` that the list adds to or replaces entries of.
pub fn check(
    file: &Path,
    text: &str,
    list: &[Indicator],
    builtin: &[Indicator],
) -> Vec<Diagnostic> {
    let mut checker = Checker {
        file,
        locator: Locator::new(text),
        problems: Vec::new(),
    };
    checker.ids(list, builtin);
    for (i, indicator) in list.iter().enumerate() {
        checker.text(i, indicator);
        checker.scale(i, indicator);
        checker.range(i, indicator);
    }
    checker.problems
}

struct Checker<'a> {
    file: &'a Path,
    locator: Locator<'a>,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, field: &str, message: String, hint: Option<String>) {
        let mut d = super::located_in(&mut self.locator, self.file, field, message);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        self.problems.push(d);
    }

    /// Ids are safe, used once in the file, and give each indicator its own page folder.
    fn ids(&mut self, list: &[Indicator], builtin: &[Indicator]) {
        // Folder name → who has it: the built-ins not replaced by the file, then the file's.
        let mut folders: HashMap<String, (String, Option<usize>)> = HashMap::new();
        for indicator in builtin {
            if !list.iter().any(|own| own.id == indicator.id) {
                folders.insert(folder(&indicator.id), (indicator.id.clone(), None));
            }
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, indicator) in list.iter().enumerate() {
            let id = indicator.id.as_str();
            let field = format!("[{i}].id");
            if !is_safe_indicator_id(id) {
                self.unsafe_id(&field, id);
                continue;
            }
            if let Some(first) = seen.insert(id, i) {
                let line = self.line_of(&format!("[{first}].id"));
                self.report(
                    &field,
                    t(
                        format!("指标编号“{id}”在本文件中出现了两次（第一次在第 {line} 行）"),
                        format!(
                            "indicator id “{id}” appears twice in this file (first on line {line})"
                        ),
                    ),
                    Some(t(
                        "删除重复的一条，或改用另一个编号",
                        "remove one of them or give it another id",
                    )),
                );
                continue;
            }
            let name = folder(id);
            if let Some((other, _)) = folders.get(&name) {
                let message = t(
                    format!("指标“{id}”和“{other}”会使用同一个页面 indicators/{name}/"),
                    format!(
                        "indicators “{id}” and “{other}” would share one page, indicators/{name}/"
                    ),
                );
                self.report(&field, message, Some(t(
                    format!("要替换内置指标请使用与它完全相同的编号“{other}”；否则请另取一个编号"),
                    format!("to replace the built-in indicator use exactly its id “{other}”; otherwise choose another id"),
                )));
                continue;
            }
            folders.insert(name, (id.to_string(), Some(i)));
        }
    }

    fn unsafe_id(&mut self, field: &str, id: &str) {
        let message = if id.trim().is_empty() {
            t("指标编号为空", "the indicator id is empty")
        } else {
            t(
                format!("指标编号“{id}”不能用作网址"),
                format!("indicator id “{id}” cannot be used as a web address"),
            )
        };
        self.report(
            field,
            message,
            Some(t(
                format!("以小写字母 a–z 开头，只用小写字母、数字、_ 和 -，不超过 {MAX_ID_CHARS} 个字符，例如 beds_per_1000"),
                format!("start with a lowercase letter a–z and use only lowercase letters, digits, '_' and '-', at most {MAX_ID_CHARS} characters, e.g. beds_per_1000"),
            )),
        );
    }

    fn line_of(&mut self, field: &str) -> usize {
        self.locator.locate(field).map_or(0, |(line, _)| line)
    }

    /// The name is there and short; level labels too.
    fn text(&mut self, i: usize, indicator: &Indicator) {
        if indicator.name.trim().is_empty() {
            self.report(
                &format!("[{i}].name"),
                t("指标名称为空", "the indicator's name is empty"),
                None,
            );
        }
        let mut long = vec![(format!("[{i}].name"), &indicator.name)];
        for (j, level) in indicator.levels.iter().enumerate() {
            long.push((format!("[{i}].levels[{j}].label"), &level.label));
        }
        for (field, text) in long {
            let chars = text.chars().count();
            if chars > MAX_NAME_CHARS {
                self.report(
                    &field,
                    t(
                        format!("有 {chars} 个字符，超过上限 {MAX_NAME_CHARS}"),
                        format!("has {chars} characters, more than the limit of {MAX_NAME_CHARS}"),
                    ),
                    None,
                );
            }
        }
    }

    /// A level indicator has levels, each a finite number, lowest first.
    fn scale(&mut self, i: usize, indicator: &Indicator) {
        if indicator.kind == IndicatorKind::Level && indicator.levels.is_empty() {
            self.report(
                &format!("[{i}].kind"),
                t(
                    "等级类指标需要列出各个等级（levels:）",
                    "a level indicator needs its levels (`levels:`)",
                ),
                Some(t(
                    "例如 levels: [{ value: 1, label: 1级 }, { value: 2, label: 2级 }]",
                    "e.g. levels: [{ value: 1, label: 1级 }, { value: 2, label: 2级 }]",
                )),
            );
        }
        let mut previous: Option<f64> = None;
        for (j, level) in indicator.levels.iter().enumerate() {
            let field = format!("[{i}].levels[{j}].value");
            if !level.value.is_finite() {
                self.report(&field, not_a_number(level.value), None);
                continue;
            }
            if previous.is_some_and(|p| level.value <= p) {
                self.report(
                    &field,
                    t(
                        format!("等级 {} 不高于前一个等级；等级要从低到高排列，且各不相同", level.value),
                        format!("level {} is not above the one before; levels go from lowest to highest, each different", level.value),
                    ),
                    None,
                );
            }
            previous = Some(level.value);
        }
    }

    /// `min` and `max` are finite and in order.
    fn range(&mut self, i: usize, indicator: &Indicator) {
        for (name, value) in [("min", indicator.min), ("max", indicator.max)] {
            if let Some(value) = value.filter(|v| !v.is_finite()) {
                self.report(&format!("[{i}].{name}"), not_a_number(value), None);
            }
        }
        if let (Some(min), Some(max)) = (indicator.min, indicator.max) {
            if min > max {
                self.report(
                    &format!("[{i}].max"),
                    t(
                        format!("上限 max: {max} 小于下限 min: {min}"),
                        format!("max: {max} is below min: {min}"),
                    ),
                    Some(t(
                        "检查是否写反了",
                        "check whether they are the wrong way round",
                    )),
                );
            }
        }
    }
}

fn not_a_number(value: f64) -> String {
    t(
        format!("“{value}”不是一个有限的数"),
        format!("“{value}” is not a finite number"),
    )
}

/// The page folder of an indicator id (`indicators/<folder>/`).
fn folder(id: &str) -> String {
    crate::render::charts::indicator_slug(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Vec<Indicator> {
        serde_yaml::from_str(crate::load::BUILTIN_INDICATORS).unwrap()
    }

    fn problems(text: &str) -> Vec<(Option<usize>, Option<String>)> {
        let list: Vec<Indicator> = serde_yaml::from_str(text).unwrap();
        check(Path::new("indicators.yaml"), text, &list, &builtin())
            .into_iter()
            .map(|d| (d.line, d.field))
            .collect()
    }

    #[test]
    fn the_builtin_catalogue_passes() {
        let text = crate::load::BUILTIN_INDICATORS;
        assert_eq!(problems(text), Vec::new());
    }

    #[test]
    fn ids_are_safe_unique_and_own_their_page() {
        let text = "- { id: beds-per-1000, name: a, kind: ratio }\n\
                    - { id: \"\", name: b, kind: ratio }\n\
                    - { id: a/b, name: c, kind: ratio }\n\
                    - { id: 床位, name: d, kind: ratio }\n\
                    - { id: x_y, name: e, kind: ratio }\n\
                    - { id: x-y, name: f, kind: ratio }\n\
                    - { id: x_y, name: g, kind: ratio }\n\
                    - { id: beds_per_1000, name: h, kind: ratio }\n";
        let fields: Vec<_> = problems(text)
            .into_iter()
            .map(|(line, field)| (line.unwrap(), field.unwrap()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (2, "[1].id".to_string()),
                (3, "[2].id".to_string()),
                (4, "[3].id".to_string()),
                (6, "[5].id".to_string()),
                (7, "[6].id".to_string()),
                (8, "[7].id".to_string()),
            ]
        );
        // Without the file's own `beds_per_1000`, the built-in one owns the folder.
        let alone = "- { id: beds-per-1000, name: a, kind: ratio }\n";
        assert_eq!(problems(alone), vec![(Some(1), Some("[0].id".to_string()))]);
    }

    #[test]
    fn scales_and_ranges_make_sense() {
        let text = "- id: a\n  name: a\n  kind: level\n\
                    - id: b\n  name: b\n  kind: ratio\n  min: 5\n  max: 1\n\
                    - id: c\n  name: c\n  kind: ratio\n  min: .nan\n\
                    - id: d\n  name: d\n  kind: level\n  levels:\n    - { value: 2, label: 二 }\n    - { value: 1, label: 一 }\n";
        let found = problems(text);
        assert_eq!(
            found,
            vec![
                (Some(3), Some("[0].kind".to_string())),
                (Some(8), Some("[1].max".to_string())),
                (Some(12), Some("[2].min".to_string())),
                (Some(18), Some("[3].levels[1].value".to_string())),
            ]
        );
    }
}
