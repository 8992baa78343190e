//! `gongkai import` on the five seed notices, scored against the hand-made programmes in
//! `content/programmes/`, plus encodings (GBK, Big5, BOM), HTML input, noise removal,
//! draft validity and `write_draft` safety.
//!
//! Scoring: an extracted target (or reported figure) is right when a hand-made one has the
//! same indicator and value and their source sentences overlap (character bigrams, after
//! folding script and dropping punctuation); budget lines match on amount and source;
//! metadata fields on their normalised value. Recall = share of hand-made items found,
//! precision = share of extracted items that are right. Hand-made files that do not exist
//! yet are skipped with a note.

use gongkai::import::script::fold;
use gongkai::import::{import_notice, write_draft, Draft, ImportError, ImportOptions};
use gongkai::model::{Amount, Programme};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Seeds and the slugs of their hand-made programmes.
const SEEDS: &[(&str, &str)] = &[
    ("000_e410a366f2ab70c5.txt", "minquan-medical-centre-2019"),
    ("001_0200143d345726b6.txt", "yunzhou-county-hospitals-2023"),
    ("002_3354ae6352d1d001.txt", "zhumadian-tiered-care-2020"),
    ("003_38e3cffc88c25650.txt", "huantai-health-work-2019"),
    ("004_e13ca5f6b3a9eff4.txt", "gansu-pairing-2022"),
];

/// Overall recall and precision this importer reaches on the seeds (see the table the
/// test prints); the test fails if a change makes it worse. Measured 2026-12-01 once all
/// five hand-made programmes existed: recall 76.4%, precision 96.8% (the work points of
/// 桓台 are mostly yes/no deliverables without figures, which the importer missed).
/// After the rules for deliverables of a work-points year, counted lists and quoted sets
/// (“六统一”, 五个方面), counts of institutions reaching a grade, scheduled filings and
/// guarantees: recall 97.0%, precision 98.5% (193 of 199 found; 193 of 196 right).
const MIN_RECALL: f64 = 0.96;
const MIN_PRECISION: f64 = 0.975;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_bytes(file: &str) -> Vec<u8> {
    let path = repo().join("tests/notices").join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn import(bytes: &[u8], file: &str) -> Draft {
    let options = ImportOptions {
        source_file: Some(file.to_string()),
        revision_date: None,
    };
    import_notice(bytes, &options).unwrap_or_else(|e| panic!("{file}: import failed: {e}"))
}

fn parse(yaml: &str, what: &str) -> Programme {
    serde_yaml::from_str(yaml)
        .unwrap_or_else(|e| panic!("{what}: draft YAML does not load: {e}\n{yaml}"))
}

// ---------- scoring ----------

/// Folded (Simplified, ASCII) text with only letters, digits and Han characters.
fn norm(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric() && *c != '□')
        .collect()
}

fn bigrams(text: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = norm(text).chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Overlap of two sources: the larger of the shares of either's bigrams found in the other.
fn overlap(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = x.intersection(&y).count() as f64;
    (common / x.len() as f64).max(common / y.len() as f64)
}

fn amount_key(a: &Amount) -> String {
    match a {
        Amount::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        Amount::Number(n) => format!("{n}"),
        Amount::Bool(b) => b.to_string(),
        Amount::Label(l) => norm(l),
    }
}

/// An item to match: key (indicator and value) and source.
#[derive(Debug, Clone)]
struct Scored {
    key: String,
    source: String,
}

fn figures(p: &Programme) -> Vec<Scored> {
    let targets = p.targets.iter().map(|t| Scored {
        key: format!("{}={}", t.indicator, amount_key(&t.value)),
        source: t.source.clone(),
    });
    let actuals = p.actuals.iter().map(|a| Scored {
        key: format!("{}={}", a.indicator, amount_key(&a.value)),
        source: a.source.clone(),
    });
    targets.chain(actuals).collect()
}

fn budget(p: &Programme) -> Vec<Scored> {
    p.budget
        .iter()
        .map(|b| Scored {
            key: format!("{}", b.amount_wan_yuan),
            source: b.source.clone(),
        })
        .collect()
}

/// One-to-one matching by key, best source overlap first. Returns (matched, unmatched
/// expected, unmatched got).
fn match_items(expected: &[Scored], got: &[Scored]) -> (usize, Vec<Scored>, Vec<Scored>) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, e) in expected.iter().enumerate() {
        for (j, g) in got.iter().enumerate() {
            if e.key == g.key {
                let o = overlap(&e.source, &g.source);
                if o >= 0.5 {
                    pairs.push((o, i, j));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used_e = vec![false; expected.len()];
    let mut used_g = vec![false; got.len()];
    let mut matched = 0;
    for (_, i, j) in pairs {
        if !used_e[i] && !used_g[j] {
            used_e[i] = true;
            used_g[j] = true;
            matched += 1;
        }
    }
    let missed = expected
        .iter()
        .zip(&used_e)
        .filter(|(_, u)| !**u)
        .map(|(e, _)| e.clone())
        .collect();
    let wrong = got
        .iter()
        .zip(&used_g)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g.clone())
        .collect();
    (matched, missed, wrong)
}

/// Metadata fields as (name, normalised value); absent or empty fields are left out.
fn metadata(p: &Programme) -> Vec<(String, String)> {
    let d = &p.disclosure;
    let mut out = Vec::new();
    let mut put = |name: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push((name.to_string(), v));
        }
    };
    let set = |items: &[String]| {
        let mut v: Vec<String> = items.iter().map(|s| norm(s)).collect();
        v.sort();
        v.join("|")
    };
    put("title", Some(norm(&p.title)));
    put("document_type", Some(p.document_type.label().to_string()));
    put("issuers", Some(set(&d.issuers)));
    put("written", d.written.map(|x| x.to_string()));
    put("published", d.published.map(|x| x.to_string()));
    put("doc_no", d.doc_no.as_deref().map(norm));
    put("index_no", d.index_no.as_deref().map(norm));
    put("category", d.category.as_deref().map(norm));
    put("validity", d.validity.as_deref().map(norm));
    put("disclosure_mode", d.disclosure_mode.as_deref().map(norm));
    put("addressees", Some(set(&d.addressees)));
    put("cc", Some(set(&d.cc)));
    put("region.province", Some(norm(&p.region.province)));
    put("region.city", p.region.city.as_deref().map(norm));
    put("region.county", p.region.county.as_deref().map(norm));
    for b in &p.basis {
        put(
            &format!("basis:{}", norm(&b.title)),
            Some(b.doc_no.as_deref().map(norm).unwrap_or_else(|| "-".into())),
        );
    }
    out
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    expected: usize,
    got: usize,
    right: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.expected += other.expected;
        self.got += other.got;
        self.right += other.right;
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.right as f64 / self.expected as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.got == 0 {
            1.0
        } else {
            self.right as f64 / self.got as f64
        }
    }
    fn cell(&self) -> String {
        format!(
            "{:>3}/{:<3} {:>3}/{:<3} R {:>4.0}% P {:>4.0}%",
            self.right,
            self.expected,
            self.right,
            self.got,
            self.recall() * 100.0,
            self.precision() * 100.0
        )
    }
}

fn score_items(
    expected: &[Scored],
    got: &[Scored],
    what: &str,
    details: &mut Vec<String>,
) -> Tally {
    let (right, missed, wrong) = match_items(expected, got);
    for m in missed {
        details.push(format!(
            "    missed {what} {} | {}",
            m.key,
            m.source.chars().take(50).collect::<String>()
        ));
    }
    for w in wrong {
        details.push(format!(
            "    extra  {what} {} | {}",
            w.key,
            w.source.chars().take(50).collect::<String>()
        ));
    }
    Tally {
        expected: expected.len(),
        got: got.len(),
        right,
    }
}

fn score_metadata(expected: &Programme, got: &Programme, details: &mut Vec<String>) -> Tally {
    let e = metadata(expected);
    let g = metadata(got);
    let mut right = 0;
    for (name, value) in &e {
        match g.iter().find(|(n, _)| n == name) {
            Some((_, v)) if v == value => right += 1,
            Some((_, v)) => details.push(format!("    field  {name}: expected {value}, got {v}")),
            None => details.push(format!("    field  {name}: expected {value}, got nothing")),
        }
    }
    for (name, value) in &g {
        if !e.iter().any(|(n, _)| n == name) {
            details.push(format!("    field  {name}: not in hand-made, got {value}"));
        }
    }
    Tally {
        expected: e.len(),
        got: g.len(),
        right,
    }
}

#[test]
fn seeds_score_against_hand_made_programmes() {
    let mut total = Tally::default();
    let mut rows = Vec::new();
    let mut details = Vec::new();
    for (file, slug) in SEEDS {
        let draft = import(&seed_bytes(file), file);
        let got = parse(&draft.yaml, file);
        let path = repo()
            .join("content/programmes")
            .join(slug)
            .join("programme.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!(
                "note: {} does not exist yet; {file} is not scored",
                path.display()
            );
            continue;
        };
        let expected: Programme = match serde_yaml::from_str(&text) {
            Ok(p) => p,
            Err(e) => {
                println!(
                    "note: {} does not load ({e}); {file} is not scored",
                    path.display()
                );
                continue;
            }
        };
        details.push(format!("  {slug}:"));
        let figures_tally =
            score_items(&figures(&expected), &figures(&got), "figure", &mut details);
        let budget_tally = score_items(&budget(&expected), &budget(&got), "budget", &mut details);
        let meta_tally = score_metadata(&expected, &got, &mut details);
        let mut doc = Tally::default();
        doc.add(figures_tally);
        doc.add(budget_tally);
        doc.add(meta_tally);
        total.add(doc);
        rows.push(format!(
            "{slug:<32} {} | {} | {} | {}",
            figures_tally.cell(),
            budget_tally.cell(),
            meta_tally.cell(),
            doc.cell()
        ));
    }
    println!(
        "{:<32} {:<33} | {:<33} | {:<33} | all",
        "document", "targets + actuals", "budget lines", "metadata fields"
    );
    for row in &rows {
        println!("{row}");
    }
    println!(
        "{:<32} recall {:.1}%  precision {:.1}%  ({} of {} hand-made items found; {} of {} extracted right)",
        "overall",
        total.recall() * 100.0,
        total.precision() * 100.0,
        total.right,
        total.expected,
        total.right,
        total.got
    );
    for d in &details {
        println!("{d}");
    }
    if rows.is_empty() {
        println!("note: no hand-made programme exists yet; nothing was scored");
        return;
    }
    assert!(
        total.recall() >= MIN_RECALL,
        "overall recall {:.3} is below {MIN_RECALL}",
        total.recall()
    );
    assert!(
        total.precision() >= MIN_PRECISION,
        "overall precision {:.3} is below {MIN_PRECISION}",
        total.precision()
    );
}

// ---------- validity ----------

/// Loads a draft through gongkai's own loader and validator.
fn check_with_loader(draft: &Draft, slug: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("programmes")).map_err(|e| e.to_string())?;
    std::fs::write(
        content.join("site.yaml"),
        "title: 测试\npublisher: 测试\nas_of: 2026-11-01\n",
    )
    .map_err(|e| e.to_string())?;
    write_draft(draft, &content.join("programmes"), slug).map_err(|e| e.to_string())?;
    let loaded = gongkai::load::load_content(&content).map_err(|e| format!("{e:?}"))?;
    gongkai::validate::validate(loaded).map_err(|e| format!("{e:?}"))?;
    Ok(())
}

#[test]
fn drafts_parse_and_pass_the_validator() {
    for (file, slug) in SEEDS {
        let draft = import(&seed_bytes(file), file);
        let programme = parse(&draft.yaml, file);
        assert!(!programme.title.is_empty(), "{file}: no title");
        assert!(!programme.region.province.is_empty(), "{file}: no province");
        assert!(
            !programme.targets.is_empty() || !programme.actuals.is_empty(),
            "{file}: no figures"
        );
        if let Err(e) = check_with_loader(&draft, slug) {
            panic!(
                "{file}: the draft does not pass `gongkai check`: {e}\n{}",
                draft.yaml
            );
        }
        // Every figure's source is text of the cleaned notice.
        let text = norm(&draft.markdown);
        for t in &programme.targets {
            assert!(
                text.contains(&norm(&t.source)),
                "{file}: source not in text: {}",
                t.source
            );
        }
    }
}

// ---------- encodings and HTML ----------

/// The draft without the lines that name the encoding.
fn comparable(draft: &Draft) -> String {
    draft
        .yaml
        .lines()
        .filter(|l| !l.contains("编码") && !l.trim_start().starts_with("notes:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn gbk_input_imports_like_utf8() {
    for (file, _) in SEEDS {
        let text = String::from_utf8(seed_bytes(file)).unwrap_or_default();
        // A GBK file cannot hold characters GBK lacks (no-break spaces, bullets): a real
        // GBK notice has plain spaces there.
        let text: String = text
            .chars()
            .map(|c| {
                let (_, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut [0; 4]));
                if unmappable {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let bytes = text.as_bytes().to_vec();
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{file}: seed has characters GBK cannot encode");
        let from_utf8 = import(&bytes, file);
        let from_gbk = import(&gbk, file);
        assert_eq!(from_gbk.report.encoding, "GBK", "{file}");
        assert_eq!(comparable(&from_utf8), comparable(&from_gbk), "{file}");
    }
}

#[test]
fn big5_and_bom_inputs_import_like_utf8() {
    let file = "002_3354ae6352d1d001.txt";
    let bytes = seed_bytes(file);
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    let (big5, _, _) = encoding_rs::BIG5.encode(&text);
    let from_utf8 = import(&bytes, file);
    let from_big5 = import(&big5, file);
    assert_eq!(from_big5.report.encoding, "Big5");
    // Characters Big5 lacks (simplified forms in the spam lines) become '?' or entities;
    // the document's figures do not change.
    assert_eq!(
        from_utf8.programme.actuals.len(),
        from_big5.programme.actuals.len()
    );
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(&bytes);
    let from_bom = import(&with_bom, file);
    assert!(from_bom.report.had_bom);
    assert_eq!(from_bom.yaml, from_utf8.yaml);
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
fn html_input_imports_like_text() {
    let file = "001_0200143d345726b6.txt";
    let bytes = seed_bytes(file);
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title><style>p{margin:0}</style><script>var a = '<p>2099年</p>';</script></head><body>\n<div class=\"nav\">",
    );
    for line in text.lines() {
        html.push_str("<p>");
        html.push_str(&html_escape(line).replace("张/千人", "张&#47;千人"));
        html.push_str("</p>\n");
    }
    html.push_str("</div></body></html>");
    let from_text = import(&bytes, file);
    let from_html = import(html.as_bytes(), file);
    assert!(from_html.report.was_html);
    let key = |d: &Draft| -> Vec<String> {
        d.programme
            .targets
            .iter()
            .map(|t| {
                format!(
                    "{} {} {}",
                    t.indicator,
                    amount_key(&t.value),
                    norm(&t.source)
                )
            })
            .collect()
    };
    assert_eq!(key(&from_text), key(&from_html));
    assert_eq!(
        from_text.programme.disclosure.doc_no,
        from_html.programme.disclosure.doc_no
    );
    assert!(!from_html.markdown.contains("<p>"));
    assert!(!from_html.yaml.contains("2099"));
}

// ---------- noise ----------

#[test]
fn noise_never_reaches_the_draft() {
    let noise = [
        "免責聲明",
        "免责声明",
        "泰茂",
        "ICP",
        "扫一扫",
        "扫码",
        "責任編輯",
        "责任编辑",
        "審核 /",
        "終審",
        "上一篇",
        "下一篇",
        "欧美",
        "毛片",
        "无码",
        "聯系電話",
        "联系电话",
        "聯系人",
        "0931-",
        "版權所有",
        "您當前所在位置",
        "分享至",
        "分 享 至",
        "融媒宣傳下載",
        "歡迎來到",
        "您好",
        "(fā)",
        "(wèi)",
        "??",
        "hiddenladdercollective",
        "sisapamba",
    ];
    for (file, _) in SEEDS {
        let draft = import(&seed_bytes(file), file);
        let programme = parse(&draft.yaml, file);
        // Only the data and text count: the transcription notes may name what was removed.
        let mut data = draft.markdown.clone();
        data.push_str(&programme.title);
        for t in &programme.targets {
            data.push_str(&t.source);
            data.push_str(&t.label);
        }
        for a in &programme.actuals {
            data.push_str(&a.source);
        }
        for word in noise {
            assert!(!data.contains(word), "{file}: “{word}” reached the draft");
        }
    }
}

#[test]
fn lost_characters_are_flagged_not_guessed() {
    let file = "002_3354ae6352d1d001.txt";
    let draft = import(&seed_bytes(file), file);
    assert!(draft.report.counts.lost_characters > 0);
    assert!(draft.markdown.contains('□'));
    assert!(
        !draft.markdown.contains("專科聯盟"),
        "a lost character was guessed"
    );
    assert!(draft.yaml.contains("原文缺字"));
}

#[test]
fn traditional_sources_are_recognised_and_kept() {
    for file in ["002_3354ae6352d1d001.txt", "004_e13ca5f6b3a9eff4.txt"] {
        let draft = import(&seed_bytes(file), file);
        assert_eq!(
            draft.report.script,
            gongkai::model::Script::Traditional,
            "{file}"
        );
        assert!(draft.yaml.contains("script: zh-Hant"), "{file}");
        let programme = parse(&draft.yaml, file);
        assert!(
            programme.title.contains('醫') || programme.title.contains('診'),
            "{file}: title converted: {}",
            programme.title
        );
    }
    let draft = import(&seed_bytes("001_0200143d345726b6.txt"), "001");
    assert_eq!(draft.report.script, gongkai::model::Script::Simplified);
}

// ---------- writing ----------

#[test]
fn write_draft_refuses_unsafe_slugs_and_existing_folders() {
    let file = "000_e410a366f2ab70c5.txt";
    let draft = import(&seed_bytes(file), file);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for bad in ["", "../escape", "Upper", "with space", "a/b", "-lead", "点"] {
        assert!(
            matches!(
                write_draft(&draft, dir.path(), bad),
                Err(ImportError::UnsafeSlug(_))
            ),
            "slug “{bad}” was accepted"
        );
    }
    let folder = write_draft(&draft, dir.path(), "minquan-draft").unwrap_or_else(|e| panic!("{e}"));
    assert!(folder.join("programme.yaml").is_file());
    assert!(folder.join("index.md").is_file());
    assert!(matches!(
        write_draft(&draft, dir.path(), "minquan-draft"),
        Err(ImportError::Exists(_))
    ));
    assert!(Path::new(&folder).starts_with(dir.path()));
}

#[test]
fn empty_and_noise_only_inputs_are_errors() {
    let options = ImportOptions::default();
    assert!(matches!(
        import_notice(b"", &options),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        import_notice(b" \n\t ", &options),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        import_notice("扫一扫在手机上查看当前页面\n| | |\n".as_bytes(), &options),
        Err(ImportError::NoText)
    ));
    // Arbitrary bytes never panic.
    let junk: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let _ = import_notice(&junk, &options);
}
