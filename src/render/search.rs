//! Client-side search for Chinese text: a character n-gram index built here, queried by a
//! small script (`assets/search.js`) that works offline and from `file://`.
//!
//! Word segmenters lose Chinese results (a query for 床位 misses text segmented as 病床/位),
//! so every document is indexed by its single characters and character bigrams after
//! folding Traditional to Simplified. A query matches a document when all its bigrams (or
//! its one character) occur in it, so every substring of the text is found. Postings are
//! split into shards by a hash of the gram; a query loads only the shards it needs, which
//! keeps the download small on a phone however large the site grows.

use super::markdown;
use super::page::OutputFile;
use super::script;
use crate::compute::{ComputedProgramme, ComputedSite};
use crate::error::Result;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Number of shard files; a query of n characters loads at most n−1 of them.
pub const SHARDS: u32 = 256;

/// One searchable unit: a programme page or one of its rows.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// Shown as the result's link text.
    pub title: String,
    /// Link relative to the site root.
    pub url: String,
    /// What it is: 项目, 目标, 实际数据, 进度, 资金.
    pub kind: &'static str,
    /// The programme it belongs to.
    pub context: String,
    /// Text to index (folded before indexing).
    pub text: String,
}

/// [`folded_chars`], collected (for tests).
#[cfg(test)]
fn fold(text: &str) -> Vec<char> {
    folded_chars(text).collect()
}

/// [`super::stable_hash`] (FNV-1a) of the gram's UTF-8 bytes; `assets/search.js` computes
/// the same.
pub fn shard_of(gram: &str) -> u32 {
    super::stable_hash(gram.as_bytes()) % SHARDS
}

/// The grams of folded text: every character and every pair of neighbours (the index
/// itself uses their integer form, [`gram_keys`]; this is the readable one, for tests).
#[cfg(test)]
fn grams(chars: &[char]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = chars.iter().map(|c| c.to_string()).collect();
    out.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
    out
}

/// The documents of one programme: its page, then its targets, actuals, milestones and
/// budget lines.
fn programme_documents(site: &ComputedSite, p: &ComputedProgramme) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    let programme = p.programme();
    let base = format!("programmes/{}/index.html", programme.slug);
    let context = programme.title.clone();
    let mut text = vec![
        programme.title.clone(),
        programme.disclosure.doc_no.clone().unwrap_or_default(),
        programme.disclosure.issuers.join(" "),
        programme.region.full_name(),
    ];
    text.extend(
        p.source
            .pages
            .iter()
            .map(|page| markdown::plain_text(&page.text)),
    );
    docs.push(SearchDoc {
        title: programme.title.clone(),
        url: base.clone(),
        kind: "项目",
        context: programme.region.full_name(),
        text: text.join("\n"),
    });
    for t in &programme.targets {
        let indicator = site
            .catalogue
            .get(&t.indicator)
            .map(|i| i.name.as_str())
            .unwrap_or("");
        docs.push(SearchDoc {
            title: t.label.clone(),
            url: format!("{base}#t-{}", t.id),
            kind: "目标",
            context: context.clone(),
            text: format!("{}\n{}\n{indicator}", t.label, t.source),
        });
    }
    for a in &programme.actuals {
        docs.push(SearchDoc {
            title: a.label.clone(),
            url: format!("{base}#actuals"),
            kind: "实际数据",
            context: context.clone(),
            text: format!(
                "{}\n{}\n{}",
                a.label,
                a.subject.as_deref().unwrap_or(""),
                a.source
            ),
        });
    }
    for m in &programme.milestones {
        docs.push(SearchDoc {
            title: m.name.clone(),
            url: format!("{base}#schedule"),
            kind: "进度",
            context: context.clone(),
            text: format!("{}\n{}", m.name, m.source),
        });
    }
    for b in &programme.budget {
        docs.push(SearchDoc {
            title: b.purpose.clone(),
            url: format!("{base}#budget"),
            kind: "资金",
            context: context.clone(),
            text: format!("{}\n{}", b.purpose, b.source),
        });
    }
    docs
}

/// The index files of every document of the site: the document list in chunks
/// `search/d/NNN.js`, `search/fold.js` and the shards `search/s/NNN.js`.
///
/// Each programme's documents are indexed in parallel into a map from gram to the ascending
/// ids of the documents holding it, and the maps merged in programme order, so each posting
/// list comes out sorted without sorting. Grams are packed into integers
/// ([`gram_key`]) whose order is the order of their UTF-8 strings, so shards list grams
/// exactly as a sorted map of strings would, the same every run.
///
/// Files are handed to `deliver` as they are made: each full chunk of the document list
/// after the batch that filled it, so the list (36 MB at 3,000 programmes) is not held
/// until the end.
pub fn index_files(
    site: &ComputedSite,
    deliver: &(dyn Fn(Vec<OutputFile>) -> Result<()> + Sync),
) -> Result<()> {
    // Programmes are taken a batch at a time: their documents are made, indexed in
    // parallel and turned into rows of the document list, then dropped, so the documents
    // of only one batch are in memory at once (all of them were ~90 MB at 3,000 programmes).
    const BATCH: usize = 256;
    let mut postings = Postings::default();
    let mut rows = DocRows::default();
    let mut next_id = 0usize;
    for batch in site.programmes.chunks(BATCH) {
        let docs: Vec<Vec<SearchDoc>> = batch
            .par_iter()
            .map(|p| programme_documents(site, p))
            .collect();
        let firsts: Vec<usize> = docs
            .iter()
            .scan(next_id, |id, d| {
                let first = *id;
                *id += d.len();
                Some(first)
            })
            .collect();
        next_id += docs.iter().map(Vec::len).sum::<usize>();
        let runs: Vec<Grouped> = docs
            .par_iter()
            .zip(firsts)
            .map(|(docs, first)| Run::of(first, docs).grouped())
            .collect();
        for run in runs {
            run.append_to(&mut postings);
        }
        for doc in docs.iter().flatten() {
            rows.push(doc);
        }
        deliver(std::mem::take(&mut rows.files))?;
    }
    let mut grams: Vec<(u64, Vec<u32>)> = postings.into_iter().collect();
    grams.sort_unstable_by_key(|(key, _)| *key);
    let folded_chars: BTreeSet<char> = grams
        .iter()
        .filter(|(key, _)| key & 0xffff_ffff == 0)
        .filter_map(|(key, _)| u32::try_from(key >> 32).ok().and_then(char::from_u32))
        .collect();
    let mut by_shard: BTreeMap<u32, Vec<&(u64, Vec<u32>)>> = BTreeMap::new();
    for gram in &grams {
        by_shard
            .entry(shard_of(&gram_string(gram.0)))
            .or_default()
            .push(gram);
    }
    // Empty shards are not written: the script treats a missing shard as empty.
    by_shard
        .into_par_iter()
        .try_for_each(|(shard, grams)| deliver(vec![shard_file(shard, &grams)]))?;
    let mut files = rows.finish();
    files.push(fold_file(&folded_chars));
    deliver(files)
}

/// Gram key → ascending ids of the documents that hold the gram.
type Postings = std::collections::HashMap<u64, Vec<u32>, super::fast_hash::FastHash>;

/// The postings of one programme's documents, before they join the site's [`Postings`].
///
/// A programme has thousands of distinct grams, most in one or two of its documents: a list
/// per gram would be thousands of small allocations per programme (tens of millions for a
/// national site), each made, grown, copied into the site's list and freed. Instead every
/// gram's ids are a chain through one shared list.
struct Run {
    /// Gram key → the first and the last entry of its chain in `ids`.
    chains: std::collections::HashMap<u64, (u32, u32), super::fast_hash::FastHash>,
    /// Document ids in the order added, each with the entry after it in its gram's chain
    /// ([`Run::END`] for the last).
    ids: Vec<(u32, u32)>,
}

impl Run {
    const END: u32 = u32::MAX;

    /// The postings of `docs`, whose ids start at `first`. A document's id is added once
    /// per gram however often the gram occurs in it: only when it is not the chain's last.
    fn of(first: usize, docs: &[SearchDoc]) -> Run {
        let mut run = Run {
            chains: Default::default(),
            ids: Vec::new(),
        };
        for (offset, doc) in docs.iter().enumerate() {
            let id = u32::try_from(first + offset).unwrap_or(u32::MAX);
            let mut previous = None;
            for c in folded_chars(&doc.text) {
                run.add(gram_key(c, None), id);
                if let Some(p) = previous {
                    run.add(gram_key(p, Some(c)), id);
                }
                previous = Some(c);
            }
        }
        run
    }

    fn add(&mut self, key: u64, id: u32) {
        let next = u32::try_from(self.ids.len()).unwrap_or(Self::END);
        match self.chains.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut chain) => {
                let last = chain.get().1 as usize;
                if self.ids[last].0 != id {
                    self.ids[last].1 = next;
                    chain.get_mut().1 = next;
                    self.ids.push((id, Self::END));
                }
            }
            std::collections::hash_map::Entry::Vacant(chain) => {
                chain.insert((next, next));
                self.ids.push((id, Self::END));
            }
        }
    }

    /// The ids gram by gram, each gram's in the order they were added.
    fn grouped(self) -> Grouped {
        let mut grouped = Grouped {
            grams: Vec::with_capacity(self.chains.len()),
            ids: Vec::with_capacity(self.ids.len()),
        };
        for (key, (first, _)) in self.chains {
            let start = grouped.ids.len();
            let mut at = first;
            while let Some(&(id, next)) = self.ids.get(at as usize) {
                grouped.ids.push(id);
                at = next;
            }
            grouped.grams.push((key, start..grouped.ids.len()));
        }
        grouped
    }
}

/// A [`Run`]'s postings as one list of ids, each gram's together.
struct Grouped {
    /// Gram key → its ids' place in `ids`.
    grams: Vec<(u64, std::ops::Range<usize>)>,
    ids: Vec<u32>,
}

impl Grouped {
    /// Appends each gram's ids to its list in `postings`.
    fn append_to(self, postings: &mut Postings) {
        for (key, range) in self.grams {
            postings
                .entry(key)
                .or_default()
                .extend_from_slice(&self.ids[range]);
        }
    }
}

/// Folds text for matching: Traditional → Simplified, ASCII lower case, no whitespace.
///
/// Character by character, as the browser folds a query with `search/fold.js`; these are
/// the characters a document is indexed by.
pub fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| crate::zh::simplify_char(c).to_ascii_lowercase())
}

/// A gram as an integer: the first character in the high half, the second (plus one, so
/// that a lone character sorts before every pair it starts) in the low half.
fn gram_key(first: char, second: Option<char>) -> u64 {
    (u64::from(u32::from(first)) << 32) | second.map_or(0, |c| u64::from(u32::from(c)) + 1)
}

fn gram_string(key: u64) -> String {
    let char_of = |code: u64| u32::try_from(code).ok().and_then(char::from_u32);
    let mut out = String::new();
    out.extend(char_of(key >> 32));
    if key & 0xffff_ffff != 0 {
        out.extend(char_of((key & 0xffff_ffff) - 1));
    }
    out
}

/// The distinct gram keys of folded text, sorted.
#[cfg(test)]
fn gram_keys(chars: &[char]) -> Vec<u64> {
    let mut keys: Vec<u64> = chars.iter().map(|&c| gram_key(c, None)).collect();
    keys.extend(chars.windows(2).map(|w| gram_key(w[0], Some(w[1]))));
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn shard_file(shard: u32, grams: &[&(u64, Vec<u32>)]) -> OutputFile {
    let mut body = format!("gongkaiSearch.shard({shard},{{");
    for (i, (key, postings)) in grams.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&json_string(&gram_string(*key)));
        body.push_str(":\"");
        push_deltas(&mut body, postings.iter().map(|id| *id as usize));
        body.push('"');
    }
    body.push_str("});\n");
    OutputFile::text(format!("search/s/{shard:03}.js"), body)
}

/// Document ids as base-36 gaps: "0,5,1c" (ids 0, 5, 53).
#[cfg(test)]
fn deltas(ids: &[usize]) -> String {
    let mut out = String::new();
    push_deltas(&mut out, ids.iter().copied());
    out
}

/// Appends ascending document ids as base-36 gaps, comma-separated.
fn push_deltas(out: &mut String, ids: impl Iterator<Item = usize>) {
    let mut previous = 0;
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(out, id - previous);
        previous = id;
    }
}

fn push_base36(out: &mut String, mut n: usize) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = [0u8; 16];
    let mut len = 0;
    loop {
        digits[len] = DIGITS[n % 36];
        len += 1;
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// Documents per `search/d/NNN.js` file; `assets/search.js` has the same number.
pub const DOCS_PER_CHUNK: usize = 500;

/// The document list, in chunks, so a query downloads only the chunks its shown results
/// are in (a site of thousands of programmes has hundreds of thousands of rows). Rows are
/// added in document order; a chunk's file is made as soon as it is full.
#[derive(Default)]
struct DocRows {
    /// Chunk files made and not yet handed over.
    files: Vec<OutputFile>,
    /// Chunks made so far, handed over or not: the next chunk's number.
    chunks: usize,
    /// The chunk being filled: its rows so far.
    current: Vec<String>,
}

impl DocRows {
    fn push(&mut self, d: &SearchDoc) {
        self.current.push(format!(
            "[{},{},{},{}]",
            json_string(&d.title),
            json_string(&d.url),
            json_string(d.kind),
            json_string(&d.context)
        ));
        if self.current.len() == DOCS_PER_CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let chunk = self.chunks;
        self.chunks += 1;
        self.files.push(OutputFile::text(
            format!("search/d/{chunk}.js"),
            format!(
                "gongkaiSearch.docs({chunk},[\n{}\n]);\n",
                self.current.join(",\n")
            ),
        ));
        self.current.clear();
    }

    fn finish(mut self) -> Vec<OutputFile> {
        if !self.current.is_empty() {
            self.flush();
        }
        self.files
    }
}

/// Traditional forms of every character in the index, so queries typed in Traditional fold
/// to the same characters without shipping a whole dictionary to the browser.
fn fold_file(chars: &BTreeSet<char>) -> OutputFile {
    // One character per line, so OpenCC converts each alone rather than as phrases.
    let simplified: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    let traditional = script::to_traditional(&simplified.join("\n"));
    let pairs: Vec<String> = traditional
        .split('\n')
        .zip(&simplified)
        .filter(|(t, s)| t != s && t.chars().count() == 1)
        .map(|(t, s)| format!("{}:{}", json_string(t), json_string(s)))
        .collect();
    OutputFile::text(
        "search/fold.js",
        format!("gongkaiSearch.fold({{{}}});\n", pairs.join(",")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_cover_every_substring() {
        let g = grams(&fold("电子病历 系统"));
        for want in ["电", "电子", "病历", "历系", "系统"] {
            assert!(g.contains(want), "{want}");
        }
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold("電子病歷").iter().collect::<String>(), "电子病历");
    }

    #[test]
    fn gram_keys_sort_like_their_strings() {
        let mut strings: Vec<String> = grams(&fold("电子病历ab 系统a")).into_iter().collect();
        strings.sort();
        let keys = gram_keys(&fold("电子病历ab 系统a"));
        let from_keys: Vec<String> = keys.iter().map(|k| gram_string(*k)).collect();
        assert_eq!(from_keys, strings);
    }

    #[test]
    fn gaps_are_base36() {
        assert_eq!(deltas(&[0, 5, 53]), "0,5,1c");
    }
}
