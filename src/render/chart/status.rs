//! Status overview: how many targets are achieved, on track, at risk, overdue or without
//! data, as one stacked bar with every segment labelled in words and figures.

use super::draw::{header, render, Anchor};
use super::svg::{self, tooltip, Wrapper};
use super::{Chart, ChartError, ChartStyle};

/// One status and its count.
#[derive(Debug, Clone)]
pub struct StatusCount {
    /// Status in words, e.g. 已完成.
    pub label: String,
    /// Symbol that tells it without colour, e.g. ✔.
    pub symbol: String,
    /// How many targets.
    pub count: usize,
}

/// Input of [`status_overview`].
#[derive(Debug, Clone)]
pub struct StatusInput {
    /// Unique id on the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// Counts in display order.
    pub counts: Vec<StatusCount>,
}

const BAR: f64 = 34.0;

/// Draws the overview. Segments are told apart by shade, symbol and label, never colour alone.
pub fn status_overview(input: &StatusInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    let total: usize = input.counts.iter().map(|c| c.count).sum();
    let height =
        header(style) + BAR + 24.0 + style.label_size * 1.6 * input.counts.len() as f64 + 16.0;
    let size = (style.width, height.round() as u32);
    let shades = [
        style.phase,
        style.actual,
        style.as_of,
        style.target,
        style.muted,
    ];
    let mut overlay = String::new();
    let body = render(size, style, |c| {
        let top = c.title(&input.title)? + 6.0;
        let (left, right) = (12.0, c.width - 12.0);
        if total == 0 {
            return c.text(
                "暂无目标",
                (c.width / 2.0, top + BAR / 2.0),
                c.label().at(Anchor::Middle),
            );
        }
        let mut x = left;
        for (i, count) in input.counts.iter().enumerate() {
            let w = count.count as f64 / total as f64 * (right - left);
            if w > 0.0 {
                c.rect((x, top), (x + w, top + BAR), &shades[i % shades.len()])?;
                overlay.push_str(&tooltip(
                    (x, top),
                    (x + w, top + BAR),
                    &format!("{}：{} 项", count.label, count.count),
                ));
            }
            x += w;
        }
        for (i, count) in input.counts.iter().enumerate() {
            let y = top + BAR + 20.0 + i as f64 * c.style.label_size * 1.6;
            c.rect(
                (left, y - 7.0),
                (left + 22.0, y + 7.0),
                &shades[i % shades.len()],
            )?;
            c.text(
                &format!(
                    "{} {}：{} 项（{}%）",
                    count.symbol,
                    count.label,
                    count.count,
                    count.count * 100 / total
                ),
                (left + 30.0, y),
                c.label(),
            )?;
        }
        Ok(())
    })?;
    let parts: Vec<String> = input
        .counts
        .iter()
        .map(|c| format!("{} {} 项", c.label, c.count))
        .collect();
    let description = format!("{}：共 {total} 项目标，{}。", input.title, parts.join("，"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_labelled_in_words() {
        let counts = [
            ("已完成", "✔", 2),
            ("进展正常", "→", 1),
            ("存在风险", "!", 0),
            ("已逾期", "✖", 3),
            ("暂无数据", "?", 4),
        ]
        .iter()
        .map(|(l, s, n)| StatusCount {
            label: l.to_string(),
            symbol: s.to_string(),
            count: *n,
        })
        .collect();
        let chart = status_overview(
            &StatusInput {
                id: "s".into(),
                title: "目标状态".into(),
                counts,
            },
            &ChartStyle::default(),
        )
        .expect("chart");
        assert!(chart.svg.contains("已逾期：3 项（30%）"));
        assert!(chart.description.contains("共 10 项目标"));
    }
}
