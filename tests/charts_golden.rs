//! Golden files: one chart of each kind, drawn from fixed inputs, must match the committed
//! SVG byte for byte (so any change to chart output is seen and reviewed).
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test --test charts_golden`.

use gongkai::render::chart::*;
use std::path::PathBuf;

fn check(name: &str, chart: Result<Chart, ChartError>) {
    let svg = chart.expect("chart draws").svg;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &svg).expect("golden file written");
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(svg == golden, "{name} differs from its golden file; review the change and regenerate with UPDATE_GOLDEN=1");
}

fn point(x: f64, x_label: &str, y: f64) -> Point {
    Point {
        x,
        x_label: x_label.into(),
        y,
        y_label: format!("{y} 张/千人"),
    }
}

#[test]
fn trajectory_golden() {
    let input = TrajectoryInput {
        id: "golden-trajectory".into(),
        title: "县域公立医疗卫生机构床位（全域）".into(),
        unit: "张/千人".into(),
        baseline: Some(point(2023.0, "2023年", 3.0)),
        actuals: vec![point(2023.99, "2023年", 3.1), point(2024.99, "2024年", 3.3)],
        target: Some(point(2025.99, "2025年底", 3.5)),
        as_of: Some(2026.83),
    };
    check("trajectory.svg", trajectory(&input, &ChartStyle::default()));
}

#[test]
fn levels_golden() {
    let meanings = [
        "未形成电子病历系统",
        "独立医疗信息系统建立",
        "医疗信息部门内部交换",
        "部门间数据交换",
        "全院信息共享，初级医疗决策支持",
        "统一数据管理，中级医疗决策支持",
        "全流程医疗数据闭环管理，高级医疗决策支持",
        "医疗安全质量管控，区域医疗信息共享",
        "健康信息整合，医疗安全质量持续提升",
    ];
    let input = LevelInput {
        id: "golden-levels".into(),
        title: "电子病历系统应用水平分级".into(),
        scale: meanings
            .iter()
            .enumerate()
            .map(|(v, m)| ScaleLevel {
                value: v as f64,
                label: format!("{v}级"),
                meaning: Some(m.to_string()),
            })
            .collect(),
        rows: vec![
            LevelRow {
                name: "区人民医院".into(),
                current: Some(3.0),
                target: Some(4.0),
                target_label: "目标 4 级".into(),
            },
            LevelRow {
                name: "区中医医院".into(),
                current: None,
                target: Some(2.0),
                target_label: "目标 2级".into(),
            },
        ],
    };
    check("levels.svg", levels(&input, &ChartStyle::default()));
}

#[test]
fn budget_golden() {
    let bar = |label: &str, amount: f64| BudgetBar {
        label: label.into(),
        amount,
        approximate: true,
    };
    let input = BudgetInput {
        id: "golden-budget".into(),
        title: "资金安排（万元）".into(),
        lines: vec![
            bar("人才队伍建设、专科设备购置等", 850.0),
            bar(
                "机房设备及网络改造、更新基础业务系统及临床信息系统、建立远程会诊服务平台",
                1840.0,
            ),
            bar("医疗设备更新、购置", 2600.0),
        ],
    };
    check("budget.svg", budget(&input, &ChartStyle::default()));
}

#[test]
fn timeline_golden() {
    let row = |group: &str, label: &str, start: f64, end: f64, kind| TimelineRow {
        group: group.into(),
        label: label.into(),
        start,
        end,
        start_label: format!("{start:.2}"),
        end_label: format!("{end:.2}"),
        kind,
    };
    let input = TimelineInput {
        id: "golden-timeline".into(),
        title: "实施进度安排".into(),
        rows: vec![
            row("阶段", "启动阶段", 2023.58, 2023.75, RowKind::Phase),
            row("阶段", "组织实施阶段", 2023.67, 2026.0, RowKind::Phase),
            row(
                "特色专科及人才队伍建设",
                "组建特色专科三个（腹腔镜微创外科、甲乳外科、肛肠外科）",
                2024.25,
                2024.5,
                RowKind::Milestone,
            ),
        ],
        as_of: Some((2025.5, "数据截至 2025年7月1日".into())),
    };
    check("timeline.svg", timeline(&input, &ChartStyle::default()));
}

// ---------- edge cases and the other kinds ----------

#[test]
fn trajectory_target_only_golden() {
    let input = TrajectoryInput {
        id: "golden-target-only".into(),
        title: "县域内就诊率（全域）".into(),
        unit: "%".into(),
        baseline: None,
        actuals: Vec::new(),
        target: Some(Point {
            y_label: "90%".into(),
            ..point(2019.99, "2019年底", 90.0)
        }),
        as_of: Some(2026.83),
    };
    check(
        "trajectory-target-only.svg",
        trajectory(&input, &ChartStyle::default()),
    );
}

#[test]
fn trajectory_beyond_the_target_golden() {
    // One reported figure far above the target: the axis must hold it, not clip it.
    let input = TrajectoryInput {
        id: "golden-beyond".into(),
        title: "县域公立医疗卫生机构床位（全域）".into(),
        unit: "张/千人".into(),
        baseline: None,
        actuals: vec![point(2024.5, "2024年6月", 12.0)],
        target: Some(point(2025.99, "2025年底", 3.5)),
        as_of: None,
    };
    check(
        "trajectory-beyond.svg",
        trajectory(&input, &ChartStyle::default()),
    );
}

#[test]
fn levels_long_names_golden() {
    let input = LevelInput {
        id: "golden-long-names".into(),
        title: "医院等级".into(),
        scale: ["一级", "二级", "二甲", "三级", "三甲"]
            .iter()
            .enumerate()
            .map(|(v, label)| ScaleLevel {
                value: v as f64,
                label: (*label).into(),
                meaning: None,
            })
            .collect(),
        rows: vec![LevelRow {
            name: "常住人口超过5万人的县至少有1所县级医院达到二级医院医疗服务能力的县级综合医院"
                .into(),
            current: None,
            target: Some(2.0),
            target_label: "二甲".into(),
        }],
    };
    check(
        "levels-long-names.svg",
        levels(&input, &ChartStyle::default()),
    );
}

#[test]
fn status_overview_golden() {
    let count = |label: &str, symbol: &str, count| StatusCount {
        label: label.into(),
        symbol: symbol.into(),
        count,
    };
    let input = StatusInput {
        id: "golden-status".into(),
        title: "目标状态总览".into(),
        counts: vec![
            count("已完成", "✔", 3),
            count("进展正常", "→", 2),
            count("存在风险", "!", 1),
            count("已逾期", "✖", 4),
            count("暂无数据", "?", 5),
        ],
    };
    check(
        "status.svg",
        status_overview(&input, &ChartStyle::default()),
    );
}

#[test]
fn comparison_golden() {
    let row = |label: &str, target: f64, actual: Option<f64>| ComparisonRow {
        label: label.into(),
        target,
        target_label: format!("{target}级"),
        actual,
        actual_label: actual.map(|a| format!("{a}级")).unwrap_or_default(),
    };
    let input = ComparisonInput {
        id: "golden-comparison".into(),
        title: "电子病历系统应用水平分级：各地目标".into(),
        rows: vec![
            row("山西省大同市云州区 区中医医院", 2.0, None),
            row("河南省民权县 县人民医院", 5.0, Some(3.0)),
            row("山西省大同市云州区 区人民医院", 4.0, Some(4.0)),
        ],
    };
    check("comparison.svg", comparison(&input, &ChartStyle::default()));
}

#[test]
fn sparkline_golden() {
    let svg = sparkline(
        &[2.9, 3.1, 3.3],
        3.5,
        "2023年 2.9，2024年 3.1，2025年 3.3；目标 3.5",
        &ChartStyle::default(),
    );
    check(
        "sparkline.svg",
        svg.map(|svg| Chart {
            svg,
            title: String::new(),
            description: String::new(),
            size: (96, 24),
        }),
    );
}
