//! Budget lines in 万元 as horizontal bars, each with its amount written at its end; long
//! labels wrap to two lines and are cut with an ellipsis, the full label kept as a tooltip.

use super::draw::{header, render, Anchor, Canvas};
use super::svg::{self, tooltip, Wrapper};
use super::text::{self, wan_yuan};
use super::{finite, BudgetBar, BudgetInput, Chart, ChartError, ChartStyle};

/// Height of one budget line.
const ROW: f64 = 50.0;
/// Room below the bars for the total.
const FOOT: f64 = 44.0;

/// Draws a budget chart; negative or non-finite amounts are refused.
pub fn budget(input: &BudgetInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    check(&input.lines)?;
    let rows = input.lines.len().max(1) as f64;
    let height = header(style) + 8.0 + ROW * rows + FOOT;
    let size = (style.width, height.round() as u32);
    let mut overlay = String::new();
    let body = render(size, style, |c| {
        let top = c.title(&input.title)? + 8.0;
        if input.lines.is_empty() {
            let at = (c.width / 2.0, top + ROW / 2.0);
            return c.text("暂无资金数据", at, c.label().at(Anchor::Middle));
        }
        let layout = Layout::new(c, &input.lines);
        c.line(
            &[(layout.left, top), (layout.left, top + ROW * rows)],
            &c.style.muted,
            1,
        )?;
        for (i, line) in input.lines.iter().enumerate() {
            overlay.push_str(&layout.line(c, line, top + ROW * i as f64)?);
        }
        let font = c.label().bold();
        c.text(
            &format!("合计：{}", total_text(&input.lines)),
            (12.0, height - FOOT / 2.0),
            font,
        )
    })?;
    let description = describe(input);
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

/// Refuses amounts that cannot be drawn honestly as a bar.
fn check(lines: &[BudgetBar]) -> Result<(), ChartError> {
    for line in lines {
        let label = &line.label;
        let amount = finite(
            &crate::i18n::t(format!("预算项“{label}”"), format!("budget line “{label}”")),
            line.amount,
        )?;
        if amount < 0.0 {
            let why = crate::i18n::t(
                format!("预算项“{label}”的金额为负（{amount} 万元）"),
                format!("budget line “{label}” has a negative amount ({amount} 万元)"),
            );
            return Err(ChartError::InvalidInput(why));
        }
    }
    Ok(())
}

/// The total, approximate when any line is.
fn total_text(lines: &[BudgetBar]) -> String {
    let total: f64 = lines.iter().map(|l| l.amount).sum();
    wan_yuan(total, lines.iter().any(|l| l.approximate))
}

/// Where labels, bars and amounts go.
struct Layout {
    label_width: f64,
    left: f64,
    /// Pixels per 万元.
    scale: f64,
}

impl Layout {
    fn new(c: &Canvas, lines: &[BudgetBar]) -> Layout {
        let label_width = (c.width * 0.36).clamp(120.0, 260.0);
        let left = 12.0 + label_width + 12.0;
        let font = c.label();
        // The widest amount must still fit after the longest bar.
        let room = lines
            .iter()
            .map(|l| font.width(&wan_yuan(l.amount, l.approximate)))
            .fold(0.0, f64::max);
        let max = lines.iter().map(|l| l.amount).fold(0.0, f64::max);
        let span = (c.width - 12.0 - room - 8.0 - left).max(40.0);
        let scale = if max > 0.0 { span / max } else { 0.0 };
        Layout {
            label_width,
            left,
            scale,
        }
    }

    /// One budget line; returns its tooltip.
    fn line(&self, c: &Canvas, line: &BudgetBar, y: f64) -> Result<String, ChartError> {
        let mid = y + ROW / 2.0;
        let font = c.label();
        let lines = text::wrap(&line.label, font.size, self.label_width, 2);
        let first = mid - (lines.len() as f64 - 1.0) * font.size * 0.65;
        for (n, l) in lines.iter().enumerate() {
            c.text(l, (12.0, first + n as f64 * font.size * 1.3), font)?;
        }
        let end = self.left + line.amount * self.scale;
        if end > self.left {
            c.rect((self.left, mid - 11.0), (end, mid + 11.0), &c.style.actual)?;
        }
        let amount = wan_yuan(line.amount, line.approximate);
        c.text(&amount, (end + 8.0, mid), font)?;
        let tip = format!("{}：{amount}", line.label);
        Ok(tooltip((12.0, y), (c.width - 12.0, y + ROW), &tip))
    }
}

/// The lines and their total in words.
fn describe(input: &BudgetInput) -> String {
    if input.lines.is_empty() {
        return "暂无资金数据。".to_string();
    }
    let items: Vec<String> = input
        .lines
        .iter()
        .map(|l| format!("{}{}", l.label, wan_yuan(l.amount, l.approximate)))
        .collect();
    let count = input.lines.len();
    format!(
        "共{count}项，合计{}：{}。",
        total_text(&input.lines),
        items.join("；")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> BudgetInput {
        let bar = |label: &str, amount: f64, approximate: bool| BudgetBar {
            label: label.into(),
            amount,
            approximate,
        };
        BudgetInput {
            id: "svg-budget".into(),
            title: "资金安排（万元）".into(),
            lines: vec![
                bar("人才队伍建设、专科设备购置", 850.0, false),
                bar("机房设备及网络改造、更新基础业务系统及临床信息系统、建立远程会诊服务平台、完善区域心电诊断中心", 1840.0, true),
                bar("医疗设备更新", 2600.0, true),
            ],
        }
    }

    fn draw(input: &BudgetInput) -> Chart {
        match budget(input, &ChartStyle::default()) {
            Ok(chart) => chart,
            Err(e) => panic!("chart failed: {e}"),
        }
    }

    #[test]
    fn is_byte_identical_and_accessible() {
        let chart = draw(&input());
        assert_eq!(chart, draw(&input()));
        assert!(chart.svg.starts_with("<svg") && chart.svg.contains("role=\"img\""));
        assert!(chart
            .svg
            .contains("<title id=\"svg-budget-title\">资金安排（万元）</title>"));
        assert!(chart
            .svg
            .contains("<desc id=\"svg-budget-desc\">共3项，合计约 5,290 万元："));
    }

    #[test]
    fn amounts_are_grouped_and_long_labels_cut_with_full_tooltip() {
        let chart = draw(&input());
        for needle in ["约 1,840 万元", "850 万元", "合计：约 5,290 万元", "人才队伍建设", "…", "<title>机房设备及网络改造、更新基础业务系统及临床信息系统、建立远程会诊服务平台、完善区域心电诊断中心：约 1,840 万元</title>"] {
            assert!(chart.svg.contains(needle), "{needle}");
        }
        assert!(chart.description.contains("医疗设备更新约 2,600 万元"));
    }

    #[test]
    fn negative_and_non_finite_amounts_are_refused() {
        let mut bad = input();
        bad.lines[0].amount = -1.0;
        let err = budget(&bad, &ChartStyle::default());
        assert!(matches!(err, Err(ChartError::InvalidInput(ref m)) if m.contains("为负")));
        bad.lines[0].amount = f64::INFINITY;
        assert!(budget(&bad, &ChartStyle::default()).is_err());
    }

    #[test]
    fn empty_and_zero_budgets_are_drawn() {
        let mut zero = input();
        zero.lines.truncate(1);
        zero.lines[0].amount = 0.0;
        assert!(draw(&zero).svg.contains("0 万元"));
        zero.lines.clear();
        let empty = draw(&zero);
        assert!(empty.svg.contains("暂无资金数据") && empty.description == "暂无资金数据。");
    }

    #[test]
    fn hostile_labels_are_escaped() {
        let mut evil = input();
        evil.lines[0].label = "<script>alert(1)</script>\"onload=".into();
        let svg = draw(&evil).svg;
        assert!(!svg.contains("<script") && !svg.contains("\"onload"));
        assert!(svg.contains("&lt;script&gt;"));
    }
}
