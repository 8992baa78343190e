//! Stage 3, compute: derive each target's status and the figures pages show.
//!
//! Everything here is a pure function of the validated content and the as-of date, so the
//! same data gives the same site on any machine, on any day.

pub mod status;

use crate::model::{
    Amount, Catalogue, Content, DateSpec, Day, Indicator, Programme, ProgrammeSource, Site,
};
use rayon::prelude::*;
pub use status::{Status, StatusCounts};
use std::sync::Arc;

/// The whole site with every derived figure.
#[derive(Debug, Clone)]
pub struct ComputedSite {
    /// Site settings.
    pub site: Site,
    /// The as-of day statuses were computed against.
    pub as_of: Day,
    /// The indicator catalogue.
    pub catalogue: Catalogue,
    /// Programmes in slug order, each shared so that a site differing from another in one
    /// programme (`serve` after an edit) shares the rest instead of copying them.
    pub programmes: Vec<Arc<ComputedProgramme>>,
    /// Status counts over every target of the site.
    pub counts: StatusCounts,
}

/// One programme with the status of each target.
#[derive(Debug, Clone)]
pub struct ComputedProgramme {
    /// The source files and parsed programme.
    pub source: ProgrammeSource,
    /// One entry per target, in the order of `programme.targets`.
    pub targets: Vec<TargetReport>,
    /// Status counts over this programme's targets.
    pub counts: StatusCounts,
    /// Date of the newest revision, else the publication or written date.
    pub last_updated: Option<DateSpec>,
    /// Total budget in 万元 (planned and allocated lines).
    pub budget_total: f64,
}

impl ComputedProgramme {
    /// The programme's data.
    pub fn programme(&self) -> &Programme {
        &self.source.programme
    }
}

/// A target with its status and the figures that decided it.
#[derive(Debug, Clone)]
pub struct TargetReport {
    /// Index into `programme.targets`.
    pub index: usize,
    /// Computed status.
    pub status: Status,
    /// Why, in a sentence.
    pub reason: String,
    /// Target value on the indicator's axis.
    pub target_value: f64,
    /// Indices into `programme.actuals` of the figures reporting on this target, oldest first.
    pub actuals: Vec<usize>,
}

/// Runs the computation for a validated site, against `as_of` if given, else the site's date.
pub fn compute(content: Content, as_of: Option<DateSpec>) -> ComputedSite {
    let as_of = as_of.unwrap_or(content.site.as_of).last_day();
    let programmes: Vec<Arc<ComputedProgramme>> = content
        .programmes
        .into_par_iter()
        .map(|source| Arc::new(compute_programme(source, &content.catalogue, as_of)))
        .collect();
    ComputedSite {
        site: content.site,
        as_of,
        catalogue: content.catalogue,
        counts: site_counts(&programmes),
        programmes,
    }
}

fn site_counts(programmes: &[Arc<ComputedProgramme>]) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for p in programmes {
        counts.add(&p.counts);
    }
    counts
}

impl ComputedSite {
    /// This site with its `index`-th programme replaced by `source`, computed: what `serve`
    /// makes after an edit to one programme. The other programmes are shared, not copied.
    pub fn with_programme(&self, index: usize, source: ProgrammeSource) -> ComputedSite {
        let mut programmes = self.programmes.clone();
        if let Some(slot) = programmes.get_mut(index) {
            *slot = Arc::new(compute_programme(source, &self.catalogue, self.as_of));
        }
        ComputedSite {
            site: self.site.clone(),
            as_of: self.as_of,
            catalogue: self.catalogue.clone(),
            counts: site_counts(&programmes),
            programmes,
        }
    }
}

/// Computes one programme; independent of every other programme.
pub fn compute_programme(
    source: ProgrammeSource,
    catalogue: &Catalogue,
    as_of: Day,
) -> ComputedProgramme {
    let programme = &source.programme;
    let targets: Vec<TargetReport> = (0..programme.targets.len())
        .map(|i| status::assess(programme, i, catalogue, as_of))
        .collect();
    let mut counts = StatusCounts::default();
    targets.iter().for_each(|t| counts.count(t.status));
    let last_updated = programme
        .revisions
        .iter()
        .map(|r| r.date)
        .max()
        .or(programme.disclosure.published)
        .or(programme.disclosure.written);
    let budget_total = programme.budget.iter().map(|b| b.amount_wan_yuan).sum();
    ComputedProgramme {
        source,
        targets,
        counts,
        last_updated,
        budget_total,
    }
}

/// A value on an indicator's axis (true = 1, a level label = its position).
pub fn numeric(indicator: Option<&Indicator>, amount: &Amount) -> Option<f64> {
    match amount {
        Amount::Number(n) => Some(*n),
        Amount::Bool(b) => Some(f64::from(u8::from(*b))),
        Amount::Label(label) => indicator
            .and_then(|i| i.level_by_label(label))
            .map(|l| l.value),
    }
}
