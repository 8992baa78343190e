//! Budget lines in 万元 as horizontal bars, each labelled with its amount.

use super::draw::{self, Align};
use super::{svg, text, BudgetInput, Chart, ChartError, ChartStyle};
use crate::render::format::wan_yuan;

const LABEL_WIDTH: f64 = 250.0;
const TOP: f64 = 54.0;
const ROW: f64 = 54.0;
const BOTTOM: f64 = 58.0;
const VALUE_ROOM: f64 = 150.0;

/// Draws a budget chart; negative or non-finite amounts are refused.
pub fn budget(input: &BudgetInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    if let Some(bad) = input
        .lines
        .iter()
        .find(|l| !l.amount.is_finite() || l.amount < 0.0)
    {
        return Err(ChartError(format!(
            "budget line “{}” has amount {}, which cannot be drawn",
            bad.label, bad.amount
        )));
    }
    let w = f64::from(style.width);
    let height = TOP + ROW * input.lines.len().max(1) as f64 + BOTTOM;
    let size = (style.width, height.round() as u32);
    let max = input.lines.iter().map(|l| l.amount).fold(0.0, f64::max);
    let (step, top) = draw::nice_axis(max);
    let left = LABEL_WIDTH + 16.0;
    let x = |v: f64| left + v / top * (w - left - VALUE_ROOM);
    let total: f64 = input.lines.iter().map(|l| l.amount).sum();
    let approximate = input.lines.iter().any(|l| l.approximate);
    let body = draw::render(size, |area| {
        draw::text(
            area,
            style,
            &text::fit(&input.title, style.title_size, style.font_family, w - 20.0),
            10.0,
            22.0,
            style.title_size,
            &style.text,
            Align::Start,
            true,
        )?;
        let axis = height - BOTTOM;
        let mut value = 0.0;
        while value <= top + 1e-9 {
            draw::line(
                area,
                &[(x(value), TOP - 6.0), (x(value), axis)],
                &style.grid,
                1,
            )?;
            draw::text(
                area,
                style,
                &crate::render::format::number(value),
                x(value),
                axis + 14.0,
                style.label_size * 0.9,
                &style.muted,
                Align::Middle,
                false,
            )?;
            value += step;
        }
        if input.lines.is_empty() {
            draw::text(
                area,
                style,
                "暂无资金数据",
                w / 2.0,
                TOP + ROW / 2.0,
                style.label_size,
                &style.muted,
                Align::Middle,
                false,
            )?;
        }
        for (i, line) in input.lines.iter().enumerate() {
            let mid = TOP + ROW * i as f64 + ROW / 2.0;
            let lines = text::wrap(
                &line.label,
                style.label_size,
                style.font_family,
                LABEL_WIDTH - 10.0,
                2,
            );
            let first = mid - (lines.len() as f64 - 1.0) * 9.0;
            for (n, l) in lines.iter().enumerate() {
                draw::text(
                    area,
                    style,
                    l,
                    LABEL_WIDTH,
                    first + 18.0 * n as f64,
                    style.label_size,
                    &style.text,
                    Align::End,
                    false,
                )?;
            }
            draw::rect(
                area,
                (x(0.0), mid - 13.0),
                (x(line.amount).max(x(0.0) + 1.0), mid + 13.0),
                &style.actual,
                true,
                1,
            )?;
            draw::text(
                area,
                style,
                &wan_yuan(line.amount, line.approximate),
                x(line.amount) + 8.0,
                mid,
                style.label_size,
                &style.text,
                Align::Start,
                false,
            )?;
        }
        draw::text(
            area,
            style,
            &format!("合计 {}", wan_yuan(total, approximate)),
            10.0,
            height - 18.0,
            style.label_size,
            &style.text,
            Align::Start,
            true,
        )
    })?;
    let items: Vec<String> = input
        .lines
        .iter()
        .map(|l| format!("{} {}", l.label, wan_yuan(l.amount, l.approximate)))
        .collect();
    let description = if items.is_empty() {
        format!("{}：暂无资金数据。", input.title)
    } else {
        format!(
            "{}：{}；合计 {}。",
            input.title,
            items.join("；"),
            wan_yuan(total, approximate)
        )
    };
    let tooltips: String = input
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "<rect x=\"0\" y=\"{:.1}\" width=\"{LABEL_WIDTH}\" height=\"{ROW}\" fill=\"#fff\" fill-opacity=\"0\"><title>{}</title></rect>",
                TOP + ROW * i as f64,
                svg::escape(&l.label)
            )
        })
        .collect();
    Ok(Chart {
        svg: svg::accessible(
            &body,
            &input.id,
            size,
            &input.title,
            &description,
            &tooltips,
        ),
        title: input.title.clone(),
        description,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::BudgetBar;

    fn input() -> BudgetInput {
        let bar = |label: &str, amount: f64| BudgetBar {
            label: label.into(),
            amount,
            approximate: true,
        };
        BudgetInput {
            id: "budget".into(),
            title: "资金安排（万元）".into(),
            lines: vec![
                bar("人才队伍建设、专科设备购置等", 850.0),
                bar(
                    "机房设备及网络改造、更新基础业务系统及临床信息系统、建立远程会诊服务平台",
                    1840.0,
                ),
                bar("医疗设备更新、购置", 2600.0),
            ],
        }
    }

    #[test]
    fn bars_carry_grouped_amounts_and_total() {
        let chart = budget(&input(), &ChartStyle::default()).expect("chart");
        assert_eq!(
            chart.svg,
            budget(&input(), &ChartStyle::default()).expect("chart").svg
        );
        for needle in ["约 1,840 万元", "约 2,600 万元", "合计 约 5,290 万元", "…"] {
            assert!(chart.svg.contains(needle), "{needle}");
        }
    }

    #[test]
    fn negative_amounts_are_refused_and_empty_is_said() {
        let mut bad = input();
        bad.lines[0].amount = -1.0;
        assert!(budget(&bad, &ChartStyle::default()).is_err());
        bad.lines.clear();
        assert!(budget(&bad, &ChartStyle::default())
            .expect("empty")
            .svg
            .contains("暂无资金数据"));
    }
}
