//! Sparklines: a word-sized line of a target's reported figures beside it in a table, with
//! the target as a dashed level. Written directly as SVG: it is a few elements, and its text
//! (the figures in words) sits in `aria-label`, escaped.

use super::svg::escape;
use super::{ChartError, ChartStyle};

const W: f64 = 96.0;
const H: f64 = 24.0;

/// A sparkline of `values` (oldest first) against `target`; `label` states them in words.
pub fn sparkline(
    values: &[f64],
    target: f64,
    label: &str,
    style: &ChartStyle,
) -> Result<String, ChartError> {
    if values.is_empty() || values.iter().chain([&target]).any(|v| !v.is_finite()) {
        return Err(ChartError::InvalidInput(crate::i18n::t(
            "迷你走势图需要有限的数值",
            "a sparkline needs finite figures",
        )));
    }
    let lo = values.iter().copied().fold(target, f64::min).min(0.0);
    let hi = values.iter().copied().fold(target, f64::max);
    let span = (hi - lo).max(1e-9);
    let y = |v: f64| H - 3.0 - (v - lo) / span * (H - 6.0);
    let x = |i: usize| {
        if values.len() == 1 {
            W / 2.0
        } else {
            3.0 + i as f64 * (W - 6.0) / (values.len() - 1) as f64
        }
    };
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    let color = |c: &plotters::style::RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    let last = values.len() - 1;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">\
         <line x1=\"0\" y1=\"{ty:.1}\" x2=\"{W}\" y2=\"{ty:.1}\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>\
         <polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\
         <circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/></svg>",
        escape(label),
        color(&style.target),
        points.join(" "),
        color(&style.actual),
        x(last),
        y(values[last]),
        color(&style.actual),
        ty = y(target),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_figures_against_the_target() {
        let svg = sparkline(
            &[3.0, 3.2, 3.3],
            3.5,
            "2023年 3、2024年 3.2、2025年 3.3，目标 3.5 <x>",
            &ChartStyle::default(),
        )
        .expect("sparkline");
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains(
                    "aria-label=\"2023年 3、2024年 3.2、2025年 3.3，目标 3.5 &lt;x&gt;\""
                )
        );
        assert!(svg.contains("<polyline points=\"3.0,"));
        assert!(sparkline(&[], 1.0, "", &ChartStyle::default()).is_err());
        assert!(sparkline(&[f64::NAN], 1.0, "", &ChartStyle::default()).is_err());
    }
}
