//! Field paths in words staff use: `targets[1].deadline` is 第 2 项目标的截止日期 (target 2,
//! deadline) — items counted from 1, fields by their Chinese names.

use crate::i18n::{lang, Lang};
use crate::yaml::{field_path, Step};
use std::path::Path;

/// Field names: (key, 中文, English).
const FIELDS: &[(&str, &str, &str)] = &[
    ("title", "标题", "title"),
    ("short_title", "简称", "short title"),
    ("slug", "网址名", "slug"),
    ("document_type", "文件类型", "document type"),
    ("disclosure", "公开属性", "disclosure"),
    ("index_no", "索引号", "index number"),
    ("category", "信息分类", "category"),
    ("issuers", "发布机构", "issuing bodies"),
    ("written", "成文日期", "date written"),
    ("published", "发布日期", "date published"),
    ("doc_no", "文号", "document number"),
    ("validity", "时效", "validity"),
    ("disclosure_mode", "公开方式", "disclosure mode"),
    ("subject_words", "主题词", "subject words"),
    ("cc", "抄送", "copied to"),
    ("addressees", "主送", "addressees"),
    ("source_url", "来源网址", "source address"),
    ("region", "地区", "region"),
    ("province", "省份", "province"),
    ("city", "市", "city"),
    ("county", "县（区）", "county"),
    ("period", "实施期限", "period"),
    ("start", "开始日期", "start"),
    ("end", "结束日期", "end"),
    ("basis", "制定依据", "basis documents"),
    ("facilities", "设施", "facilities"),
    ("id", "编号", "id"),
    ("name", "名称", "name"),
    ("kind", "类别", "kind"),
    ("indicator", "指标", "indicator"),
    ("label", "事项", "label"),
    ("scope", "范围", "scope"),
    ("subject", "对象", "subject"),
    ("baseline", "基线", "baseline"),
    ("value", "数值", "value"),
    ("value_max", "区间上限", "upper end"),
    ("comparator", "比较方式", "comparator"),
    ("display", "原文写法", "wording"),
    ("deadline", "截止日期", "deadline"),
    ("recurring", "周期", "recurrence"),
    ("source", "原文句子", "source sentence"),
    ("aspirational", "力争目标", "aspirational"),
    ("date", "日期", "date"),
    ("description", "说明", "description"),
    ("due", "截止日期", "due date"),
    ("group", "分组", "group"),
    ("responsible", "责任单位", "responsible units"),
    ("purpose", "用途", "purpose"),
    ("amount_wan_yuan", "金额（万元）", "amount (万元)"),
    ("approximate", "约数", "approximate"),
    ("status", "状态", "status"),
    ("number", "序号", "number"),
    ("section", "所属部分", "section"),
    ("note", "说明", "note"),
    ("transcription", "转录说明", "transcription"),
    ("script", "字体", "script"),
    ("source_file", "来源文件", "source file"),
    ("notes", "备注", "notes"),
    ("publisher", "发布单位", "publisher"),
    ("base_url", "网站地址", "site address"),
    ("language", "语言", "language"),
    ("as_of", "统计截止日期", "as-of date"),
    ("site_id_code", "网站标识码", "site id code"),
    ("site_domain", "网站域名", "site domain"),
    ("keywords", "关键词", "keywords"),
    ("traditional", "繁体版", "traditional mirror"),
    ("theme", "主题", "theme"),
    (
        "stale_after_days",
        "数据过期天数",
        "days before data is stale",
    ),
    ("unit", "单位", "unit"),
    ("better", "较好方向", "better direction"),
    ("defined_by", "定义依据", "defined by"),
    ("standard_version", "标准版本", "standard version"),
    ("levels", "等级", "levels"),
    ("meaning", "含义", "meaning"),
    ("aliases", "别名", "aliases"),
    ("min", "最小值", "minimum"),
    ("max", "最大值", "maximum"),
];

/// Lists: (key, 中文 counted item, English item).
const ITEMS: &[(&str, &str, &str)] = &[
    ("targets", "项目标", "target"),
    ("actuals", "项实际数字", "figure"),
    ("phases", "个阶段", "phase"),
    ("milestones", "个节点", "milestone"),
    ("budget", "笔资金", "budget line"),
    ("facilities", "个设施", "facility"),
    ("tasks", "项任务", "task"),
    ("revisions", "条修订记录", "revision"),
    ("basis", "份依据文件", "basis document"),
    ("issuers", "个发布机构", "issuing body"),
    ("levels", "个等级", "level"),
    ("notes", "条备注", "note"),
    ("keywords", "个关键词", "keyword"),
    ("responsible", "个责任单位", "responsible unit"),
    ("aliases", "个别名", "alias"),
];

fn field_name(key: &str) -> (String, String) {
    FIELDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| (zh.to_string(), en.to_string()))
        .unwrap_or_else(|| (format!("“{key}”"), format!("`{key}`")))
}

fn item_name(list: Option<&str>, file: &Path) -> (String, String) {
    let list = list.or_else(|| {
        file.file_name()
            .is_some_and(|n| n == "indicators.yaml")
            .then_some("indicators")
    });
    match list {
        Some("indicators") => ("个指标".into(), "indicator".into()),
        Some(key) => ITEMS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, zh, en)| (zh.to_string(), en.to_string()))
            .unwrap_or_else(|| {
                let (zh, en) = field_name(key);
                (format!("项{zh}"), format!("{en} item"))
            }),
        None => ("项".into(), "item".into()),
    }
}

/// The field path in words, in the chosen language: 第 2 项目标的截止日期 / target 2,
/// deadline. `None` for a path of one plain field, whose name says enough.
pub fn describe(file: &Path, path: &str) -> Option<String> {
    let steps = field_path(path);
    if steps.len() < 2 && !matches!(steps.first(), Some(Step::Index(_))) {
        return None;
    }
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut last_key: Option<String> = None;
    for step in &steps {
        match step {
            Step::Key(key) => {
                last_key = Some(key.clone());
                parts.push(field_name(key));
            }
            Step::Index(i) => {
                let (zh, en) = item_name(last_key.as_deref(), file);
                // "第 2 项目标" replaces the list's own name ("目标").
                if last_key.is_some() {
                    parts.pop();
                }
                parts.push((format!("第 {} {zh}", i + 1), format!("{en} {}", i + 1)));
            }
        }
    }
    Some(match lang() {
        Lang::Zh => parts
            .into_iter()
            .map(|(zh, _)| zh)
            .collect::<Vec<_>>()
            .join("的"),
        Lang::En => parts
            .into_iter()
            .map(|(_, en)| en)
            .collect::<Vec<_>>()
            .join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_staff_count() {
        let p = Path::new("content/programmes/x/programme.yaml");
        assert_eq!(
            describe(p, "targets[1].deadline").as_deref(),
            Some("第 2 项目标的截止日期")
        );
        assert_eq!(
            describe(p, "disclosure.written").as_deref(),
            Some("公开属性的成文日期")
        );
        assert_eq!(
            describe(p, "targets[0].baseline.value").as_deref(),
            Some("第 1 项目标的基线的数值")
        );
        assert_eq!(describe(p, "title"), None);
        let i = Path::new("content/indicators.yaml");
        assert_eq!(
            describe(i, "[2].levels[0].label").as_deref(),
            Some("第 3 个指标的第 1 个等级的事项")
        );
    }
}
