//! Chart rendering speed: draws N charts of each kind (trajectory, levels, budget,
//! timeline) and prints the time per kind and in all.
//!
//! ```sh
//! cargo run --release --example charts -- 10000      # 10,000 charts of each kind
//! ```
//!
//! Single-threaded on purpose: this measures the chart code, not the machine's cores
//! (a site build draws programmes' charts in parallel).

use gongkai::render::chart::*;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let style = ChartStyle::default();
    let mut total_ms = 0.0;
    let mut total_bytes = 0usize;
    println!("| chart kind | charts | ms | µs per chart | KB per chart |");
    println!("|---|---:|---:|---:|---:|");
    for (kind, draw) in kinds() {
        let started = Instant::now();
        let mut bytes = 0usize;
        for i in 0..n {
            match draw(i, &style) {
                Ok(chart) => bytes += chart.svg.len(),
                Err(e) => panic!("{kind} chart {i}: {e}"),
            }
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        total_ms += ms;
        total_bytes += bytes;
        println!(
            "| {kind} | {n} | {ms:.0} | {:.0} | {:.1} |",
            ms * 1000.0 / n as f64,
            bytes as f64 / n as f64 / 1024.0
        );
    }
    let all = n * 4;
    println!(
        "| all | {all} | {total_ms:.0} | {:.0} | {:.1} |",
        total_ms * 1000.0 / all as f64,
        total_bytes as f64 / all as f64 / 1024.0
    );
}

type Draw = fn(usize, &ChartStyle) -> Result<Chart, ChartError>;

fn kinds() -> [(&'static str, Draw); 4] {
    [
        ("trajectory", trajectory_chart),
        ("levels", levels_chart),
        ("budget", budget_chart),
        ("timeline", timeline_chart),
    ]
}

/// A varying figure so that no two charts are the same.
fn vary(i: usize, base: f64, spread: f64) -> f64 {
    base + (i % 97) as f64 / 97.0 * spread
}

fn point(x: f64, y: f64) -> Point {
    Point {
        x,
        x_label: format!("{}年", x.floor()),
        y,
        y_label: format!("{y:.2} 张/千人"),
    }
}

fn trajectory_chart(i: usize, style: &ChartStyle) -> Result<Chart, ChartError> {
    let start = vary(i, 2.5, 1.0);
    trajectory(
        &TrajectoryInput {
            id: format!("t{i}"),
            title: "县域公立医疗卫生机构床位（全域）".into(),
            unit: "张/千人".into(),
            baseline: Some(point(2021.0, start)),
            actuals: (0..3)
                .map(|y| point(2022.0 + y as f64, start + 0.1 * y as f64))
                .collect(),
            target: Some(point(2025.99, start + 0.8)),
            as_of: Some(2026.83),
        },
        style,
    )
}

fn levels_chart(i: usize, style: &ChartStyle) -> Result<Chart, ChartError> {
    let scale = (0..=8)
        .map(|v| ScaleLevel {
            value: v as f64,
            label: format!("{v}级"),
            meaning: Some(format!("第 {v} 级的含义")),
        })
        .collect();
    let rows = ["县人民医院", "县中医医院", "县妇幼保健院"]
        .iter()
        .enumerate()
        .map(|(k, name)| LevelRow {
            name: (*name).into(),
            current: Some(((i + k) % 5) as f64),
            target: Some(((i + k) % 5 + 2) as f64),
            target_label: format!("目标 {} 级", (i + k) % 5 + 2),
        })
        .collect();
    levels(
        &LevelInput {
            id: format!("l{i}"),
            title: "电子病历系统应用水平分级".into(),
            scale,
            rows,
        },
        style,
    )
}

fn budget_chart(i: usize, style: &ChartStyle) -> Result<Chart, ChartError> {
    let lines = [
        "人才队伍建设、专科设备购置",
        "信息平台建设",
        "医疗设备更新、购置",
    ]
    .iter()
    .enumerate()
    .map(|(k, label)| BudgetBar {
        label: (*label).into(),
        amount: vary(i + k, 500.0, 3000.0),
        approximate: k == 0,
    })
    .collect();
    budget(
        &BudgetInput {
            id: format!("b{i}"),
            title: "资金安排（万元）".into(),
            lines,
        },
        style,
    )
}

fn timeline_chart(i: usize, style: &ChartStyle) -> Result<Chart, ChartError> {
    let row = |label: &str, start: f64, end: f64, kind| TimelineRow {
        group: "阶段".into(),
        label: label.into(),
        start,
        end,
        start_label: format!("{start:.2}"),
        end_label: format!("{end:.2}"),
        kind,
    };
    let shift = (i % 4) as f64 * 0.25;
    timeline(
        &TimelineInput {
            id: format!("tl{i}"),
            title: "实施进度安排".into(),
            rows: vec![
                row("启动阶段", 2023.5 + shift, 2023.75 + shift, RowKind::Phase),
                row("组织实施阶段", 2023.75 + shift, 2025.99, RowKind::Phase),
                row("跟踪评估阶段", 2024.0, 2025.99, RowKind::Phase),
                row("完成远程会诊平台", 2024.5, 2024.75, RowKind::Milestone),
            ],
            as_of: Some((2025.5, "数据截至 2025年7月1日".into())),
        },
        style,
    )
}
