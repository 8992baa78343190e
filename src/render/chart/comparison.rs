//! Cross-programme comparison for one indicator: every programme's target (outlined bar) and
//! latest reported figure (filled bar), sorted by target, with the region as the label.

use super::draw::{header, render, Anchor, Canvas, Swatch};
use super::svg::{self, tooltip, Wrapper};
use super::text;
use super::{finite, Chart, ChartError, ChartStyle};

/// One programme on a comparison chart.
#[derive(Debug, Clone)]
pub struct ComparisonRow {
    /// Label, usually the region and facility.
    pub label: String,
    /// Target on the indicator's axis.
    pub target: f64,
    /// Target as readers see it, e.g. 4级 or 3.5 张/千人.
    pub target_label: String,
    /// Latest reported figure, if any.
    pub actual: Option<f64>,
    /// Latest figure as readers see it.
    pub actual_label: String,
}

/// Input of [`comparison`].
#[derive(Debug, Clone)]
pub struct ComparisonInput {
    /// Unique id on the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// Rows; drawn sorted by target, largest first.
    pub rows: Vec<ComparisonRow>,
}

const ROW: f64 = 46.0;
const LABEL: f64 = 220.0;
const FOOT: f64 = 40.0;

/// Draws a comparison chart; values below zero or not finite are refused.
pub fn comparison(input: &ComparisonInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    let mut rows = input.rows.clone();
    for r in &rows {
        finite(&crate::i18n::t("目标值", "a target"), r.target)?;
        if r.target < 0.0 || r.actual.is_some_and(|a| !a.is_finite() || a < 0.0) {
            return Err(ChartError::InvalidInput(crate::i18n::t(
                format!("“{}”的数值为负或不是有限的数", r.label),
                format!("“{}” has a negative or non-finite value", r.label),
            )));
        }
    }
    rows.sort_by(|a, b| {
        b.target
            .total_cmp(&a.target)
            .then_with(|| a.label.cmp(&b.label))
    });
    let height = header(style) + 8.0 + ROW * rows.len().max(1) as f64 + FOOT;
    let size = (style.width, height.round() as u32);
    let max = rows
        .iter()
        .flat_map(|r| [Some(r.target), r.actual])
        .flatten()
        .fold(0.0, f64::max)
        .max(1e-9);
    let mut overlay = String::new();
    let body = render(size, style, |c| {
        let top = c.title(&input.title)? + 8.0;
        if rows.is_empty() {
            return c.text(
                "暂无数据",
                (c.width / 2.0, top + ROW / 2.0),
                c.label().at(Anchor::Middle),
            );
        }
        let right = c.width - 130.0;
        let x = |v: f64| LABEL + 12.0 + v / max * (right - LABEL - 12.0);
        for (i, row) in rows.iter().enumerate() {
            let y = top + ROW * i as f64;
            draw_row(c, row, y, &x)?;
            overlay.push_str(&tooltip(
                (0.0, y),
                (c.width, y + ROW),
                &format!(
                    "{}：目标 {}；最新实际 {}",
                    row.label,
                    row.target_label,
                    actual_text(row)
                ),
            ));
        }
        c.legend(
            &[
                (Swatch::Bar(c.style.actual), "最新实际"),
                (Swatch::Dash(c.style.target), "目标（空心框）"),
            ],
            LABEL + 12.0,
            height - FOOT / 2.0,
        )?;
        Ok(())
    })?;
    let description = describe(input, &rows);
    let wrapper = Wrapper {
        id: &input.id,
        size,
        title: &input.title,
        desc: &description,
        overlay: &overlay,
    };
    Ok(Chart {
        svg: svg::accessible(&body, &wrapper),
        title: input.title.clone(),
        description,
        size,
    })
}

fn draw_row(
    c: &Canvas,
    row: &ComparisonRow,
    y: f64,
    x: &dyn Fn(f64) -> f64,
) -> Result<(), ChartError> {
    let label = c.label();
    let lines = text::wrap(&row.label, label.size, LABEL - 8.0, 2);
    let first = y + ROW / 2.0 - (lines.len() as f64 - 1.0) * label.size * 0.6;
    for (n, line) in lines.iter().enumerate() {
        c.text(
            line,
            (LABEL, first + n as f64 * label.size * 1.2),
            label.at(Anchor::End),
        )?;
    }
    let (top, bottom) = (y + 10.0, y + ROW - 10.0);
    // The hollow target frame first, so the actual bar drawn inside it stays visible.
    c.outline(
        (x(0.0), top),
        (x(row.target).max(x(0.0) + 2.0), bottom),
        &c.style.target,
        2.0,
    )?;
    if let Some(actual) = row.actual {
        c.rect(
            (x(0.0), top + 5.0),
            (x(actual).max(x(0.0) + 1.0), bottom - 5.0),
            &c.style.actual,
        )?;
    }
    let text_x = x(row.target).max(x(row.actual.unwrap_or(0.0))) + 8.0;
    let figures = match row.actual {
        Some(_) => format!("目标 {}，实际 {}", row.target_label, row.actual_label),
        None => format!("目标 {}", row.target_label),
    };
    c.text(&figures, (text_x, y + ROW / 2.0), c.small())
}

fn actual_text(row: &ComparisonRow) -> String {
    match row.actual {
        Some(_) => row.actual_label.clone(),
        None => "暂无数据".to_string(),
    }
}

fn describe(input: &ComparisonInput, rows: &[ComparisonRow]) -> String {
    if rows.is_empty() {
        return format!("{}：暂无数据。", input.title);
    }
    let items: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} 目标{}，最新实际{}",
                r.label,
                r.target_label,
                actual_text(r)
            )
        })
        .collect();
    format!("{}（按目标从高到低）：{}。", input.title, items.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, target: f64, actual: Option<f64>) -> ComparisonRow {
        ComparisonRow {
            label: label.into(),
            target,
            target_label: format!("{target}级"),
            actual,
            actual_label: actual.map(|a| format!("{a}级")).unwrap_or_default(),
        }
    }

    #[test]
    fn sorted_by_target_with_labels_and_description() {
        let input = ComparisonInput {
            id: "cmp".into(),
            title: "电子病历系统应用水平分级".into(),
            rows: vec![
                row("河南省 民权县", 5.0, None),
                row("山西省 大同市 云州区 区人民医院", 4.0, Some(3.0)),
                row("山西省 大同市 云州区 区中医医院", 2.0, None),
            ],
        };
        let chart = comparison(&input, &ChartStyle::default()).expect("chart");
        assert!(chart.svg.contains("民权县") && chart.svg.contains("目标 5级"));
        assert!(chart.description.starts_with("电子病历系统应用水平分级（按目标从高到低）：河南省 民权县 目标5级，最新实际暂无数据"), "{}", chart.description);
        assert_eq!(
            chart.svg,
            comparison(&input, &ChartStyle::default())
                .expect("chart")
                .svg
        );
    }

    #[test]
    fn refuses_negative_and_says_no_data() {
        let mut input = ComparisonInput {
            id: "c".into(),
            title: "t".into(),
            rows: vec![row("a", -1.0, None)],
        };
        assert!(comparison(&input, &ChartStyle::default()).is_err());
        input.rows.clear();
        assert!(comparison(&input, &ChartStyle::default())
            .expect("empty")
            .svg
            .contains("暂无数据"));
    }
}
