//! Charts placed in commentary by their authors:
//!
//! ````markdown
//! ```chart
//! target: beds-per-1000        # the trajectory of a target
//! ```
//! ```chart
//! indicator: emr_level         # the levels chart of an ordered-scale indicator
//! ```
//! ```chart
//! kind: budget                 # or: timeline
//! ```
//! ````
//!
//! A block that names no chart of the programme is a build error naming the file and line.

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::t;
use crate::model::MarkdownPage;
use crate::render::charts::ChartView;
use crate::render::markdown::{self, RenderedMarkdown};
use crate::render::theme::Theme;
use serde::{Deserialize, Serialize};

/// What a ```` ```chart ```` block may say.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartRef {
    target: Option<String>,
    indicator: Option<String>,
    kind: Option<String>,
}

#[derive(Serialize)]
struct Context<'a> {
    c: &'a ChartView,
}

/// Renders a programme's Markdown page with its chart blocks replaced by the charts.
pub fn render_commentary(
    page: &MarkdownPage,
    charts: &[ChartView],
    theme: &Theme,
) -> Result<RenderedMarkdown> {
    let embed = |body: &str, line: usize| -> std::result::Result<String, String> {
        let wanted: ChartRef = crate::yaml::parse(&page.path, body).map_err(|d| d.message)?;
        let id = chart_id(&wanted)?;
        let view = charts
            .iter()
            .find(|c| c.file == format!("charts/{id}.svg"))
            .ok_or_else(|| unknown(&id, charts))?;
        let copy = with_unique_ids(view, line);
        theme
            .render("chart.html", &Context { c: &copy })
            .map_err(|e| e.to_string())
    };
    markdown::render_with(&page.text, 1, "c-", &embed).map_err(|errors| {
        Error::Invalid(
            errors
                .into_iter()
                .map(|(line, message)| {
                    Diagnostic::file(&page.path, message)
                        .at(line, 1)
                        .with_source(&page.text)
                        .with_hint(t(
                            "图表块写法：```chart 换行 target: 目标编号（或 indicator: 指标编号，或 kind: budget / timeline）",
                            "write ```chart then target: <target id> (or indicator: <id>, or kind: budget / timeline)",
                        ))
                })
                .collect(),
        )
    })
}

fn chart_id(wanted: &ChartRef) -> std::result::Result<String, String> {
    match (&wanted.target, &wanted.indicator, wanted.kind.as_deref()) {
        (Some(target), None, None | Some("trajectory")) => Ok(format!("trajectory-{target}")),
        (None, Some(indicator), None | Some("levels")) => {
            Ok(format!("levels-{}", indicator.replace('_', "-")))
        }
        (None, None, Some(kind @ ("budget" | "timeline"))) => Ok(kind.to_string()),
        _ => Err(t(
            "图表块需要且只需要 target、indicator 或 kind（budget、timeline）之一",
            "a chart block needs exactly one of target, indicator or kind (budget, timeline)",
        )),
    }
}

fn unknown(id: &str, charts: &[ChartView]) -> String {
    let known: Vec<&str> = charts
        .iter()
        .map(|c| {
            c.file
                .trim_start_matches("charts/")
                .trim_end_matches(".svg")
        })
        .collect();
    t(
        format!("本项目没有图表“{id}”；可用的图表：{}", known.join("、")),
        format!(
            "this programme has no chart “{id}”; its charts are: {}",
            known.join(", ")
        ),
    )
}

/// A copy whose figure id cannot clash with the same chart elsewhere on the page.
fn with_unique_ids(view: &ChartView, line: usize) -> ChartView {
    let mut copy = view.clone();
    copy.id = format!("{}-m{line}", view.id);
    copy
}
