//! The chart kinds on arbitrary data: numbers (including NaN, infinities, negatives, huge
//! values) and labels of any text; each either draws or returns an error, never panics, and
//! never lets a label out of its escaping.
#![no_main]

use gongkai::render::chart::*;
use libfuzzer_sys::fuzz_target;

/// Reads numbers and strings from the fuzzer's bytes.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn f64(&mut self) -> f64 {
        let (head, rest) = self.0.split_at(self.0.len().min(8));
        self.0 = rest;
        let mut bytes = [0u8; 8];
        bytes[..head.len()].copy_from_slice(head);
        f64::from_le_bytes(bytes)
    }
    fn small(&mut self) -> f64 {
        let v = self.f64();
        if v.is_finite() { v % 3000.0 } else { v }
    }
    fn text(&mut self) -> String {
        let n = usize::from(self.0.first().copied().unwrap_or(0) % 24);
        let (head, rest) = self.0.split_at(self.0.len().min(n + 1));
        self.0 = rest;
        String::from_utf8_lossy(head.get(1..).unwrap_or_default()).into_owned()
    }
    fn count(&mut self) -> usize {
        let n = usize::from(self.0.first().copied().unwrap_or(0) % 6);
        self.0 = self.0.get(1..).unwrap_or_default();
        n
    }
}

fn point(i: &mut Input) -> Point {
    Point { x: 2020.0 + i.small() % 20.0, x_label: i.text(), y: i.small(), y_label: i.text() }
}

fn no_escape(svg: &str) {
    assert!(!svg.contains("<script") && !svg.contains("onload="), "label escaped its text: {svg}");
}

fuzz_target!(|data: &[u8]| {
    let mut i = Input(data);
    let style = ChartStyle::default();
    let trajectory_input = TrajectoryInput {
        id: "t".into(),
        title: i.text(),
        unit: i.text(),
        baseline: if i.count() % 2 == 0 { Some(point(&mut i)) } else { None },
        actuals: (0..i.count()).map(|_| point(&mut i)).collect(),
        target: Some(point(&mut i)),
        as_of: Some(2020.0 + i.small() % 20.0),
    };
    if let Ok(chart) = trajectory(&trajectory_input, &style) { no_escape(&chart.svg) }
    let scale: Vec<ScaleLevel> = (0..i.count() + 1).map(|v| ScaleLevel { value: v as f64, label: i.text(), meaning: Some(i.text()) }).collect();
    let rows = (0..i.count()).map(|_| LevelRow { name: i.text(), current: Some(i.small()), target: Some(i.small()), target_label: i.text() }).collect();
    if let Ok(chart) = levels(&LevelInput { id: "l".into(), title: i.text(), scale, rows }, &style) { no_escape(&chart.svg) }
    let lines = (0..i.count()).map(|_| BudgetBar { label: i.text(), amount: i.small(), approximate: i.count() % 2 == 0 }).collect();
    if let Ok(chart) = budget(&BudgetInput { id: "b".into(), title: i.text(), lines }, &style) { no_escape(&chart.svg) }
    let rows = (0..i.count())
        .map(|_| {
            let start = 2020.0 + i.small() % 10.0;
            TimelineRow { group: i.text(), label: i.text(), start, end: start + i.small().abs() % 5.0, start_label: i.text(), end_label: i.text(), kind: if i.count() % 2 == 0 { RowKind::Phase } else { RowKind::Milestone } }
        })
        .collect();
    if let Ok(chart) = timeline(&TimelineInput { id: "tl".into(), title: i.text(), rows, as_of: Some((2025.0, i.text())) }, &style) { no_escape(&chart.svg) }
});
