//! JSON Schemas for `site.yaml`, `programme.yaml` and `indicators.yaml`, derived from the
//! model types (so they cannot drift from what the loader accepts), with Chinese field
//! descriptions for editors such as VS Code (yaml-language-server).

use crate::model::{Indicator, Programme, Site};
use serde_json::Value;

/// File name and schema of each content file kind.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "site.schema.json",
            localise(serde_json::to_value(schemars::schema_for!(Site)).unwrap_or_default()),
        ),
        (
            "programme.schema.json",
            localise(serde_json::to_value(schemars::schema_for!(Programme)).unwrap_or_default()),
        ),
        (
            "indicators.schema.json",
            localise(
                serde_json::to_value(schemars::schema_for!(Vec<Indicator>)).unwrap_or_default(),
            ),
        ),
    ]
}

/// The comment that makes yaml-language-server validate a file against a schema.
pub fn modeline(relative_schema: &str) -> String {
    format!("# yaml-language-server: $schema={relative_schema}\n")
}

/// Chinese names of fields, placed before the English description from the Rust docs.
const CHINESE: &[(&str, &str)] = &[
    ("title", "标题"),
    ("short_title", "简称"),
    (
        "document_type",
        "文件类型：plan 实施方案 / work_points 工作要点 / report 进展报道",
    ),
    ("disclosure", "公开属性"),
    ("index_no", "索引号"),
    ("category", "信息分类"),
    ("issuers", "发布机构"),
    ("written", "成文日期"),
    ("published", "发布日期"),
    ("doc_no", "文号"),
    ("validity", "时效/有效性"),
    ("disclosure_mode", "公开方式"),
    ("subject_words", "主题词"),
    ("cc", "抄送"),
    ("addressees", "主送"),
    ("source_url", "来源网址"),
    ("region", "地区"),
    ("province", "省"),
    ("city", "市"),
    ("county", "县（区）"),
    ("period", "实施期限"),
    ("start", "开始"),
    ("end", "结束"),
    ("basis", "制定依据"),
    ("facilities", "设施"),
    ("id", "编号"),
    ("name", "名称"),
    ("kind", "类别"),
    ("targets", "目标"),
    ("indicator", "指标编号"),
    ("label", "事项"),
    ("scope", "范围（设施编号，不写表示全域）"),
    ("baseline", "基线"),
    ("value", "数值"),
    ("value_max", "区间上限"),
    (
        "comparator",
        "比较方式：at_least 不少于 / at_most 不超过 / exactly 等于 / range 区间",
    ),
    ("display", "原文写法"),
    ("deadline", "截止日期"),
    ("recurring", "周期（每年、每半年等）"),
    ("source", "原文句子（逐字摘录）"),
    ("aspirational", "是否为“力争”目标"),
    ("actuals", "实际数据"),
    ("target", "对应目标编号"),
    ("subject", "对象"),
    ("date", "日期"),
    ("phases", "阶段"),
    ("milestones", "工作节点"),
    ("due", "截止"),
    ("group", "类别"),
    ("responsible", "责任单位"),
    ("budget", "资金安排"),
    ("purpose", "用途"),
    ("amount_wan_yuan", "金额（万元）"),
    ("approximate", "原文是否为“约”"),
    ("status", "性质：planned 预算 / allocated 已配套或拨付"),
    ("tasks", "重点任务"),
    ("number", "序号"),
    ("section", "所属部分"),
    ("revisions", "更新记录"),
    ("note", "说明"),
    ("transcription", "转录说明"),
    ("script", "原文字体：zh-Hans 简体 / zh-Hant 繁体"),
    ("source_file", "来源文件"),
    ("notes", "备注"),
    ("slug", "网址名（默认为文件夹名）"),
    ("publisher", "发布单位"),
    ("description", "说明"),
    ("base_url", "部署地址"),
    ("language", "语言"),
    ("as_of", "数据截至日期（目标状态按此计算）"),
    ("site_id_code", "政府网站标识码"),
    ("site_domain", "网站域名"),
    ("keywords", "栏目关键词"),
    ("traditional", "同时生成繁体中文版"),
    ("theme", "主题"),
    ("unit", "单位"),
    ("better", "方向：higher 越高越好 / lower 越低越好"),
    ("defined_by", "定义依据（文件）"),
    ("standard_version", "标准版本"),
    ("levels", "各级"),
    ("meaning", "含义"),
    ("aliases", "其他写法"),
    ("min", "最小值"),
    ("max", "最大值"),
];

fn localise(mut schema: Value) -> Value {
    walk(&mut schema);
    schema
}

fn walk(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    let Some((_, zh)) = CHINESE.iter().find(|(field, _)| field == name) else {
                        continue;
                    };
                    if let Value::Object(p) = property {
                        let english = p
                            .get("description")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        let text = if english.is_empty() {
                            zh.to_string()
                        } else {
                            format!("{zh}。{english}")
                        };
                        p.insert("description".into(), Value::String(text));
                    }
                }
            }
            map.values_mut().for_each(walk);
        }
        Value::Array(items) => items.iter_mut().for_each(walk),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_describe_fields_in_chinese() {
        let all = schemas();
        let programme = &all[1].1;
        let text = programme.to_string();
        assert!(text.contains("文号") && text.contains("成文日期") && text.contains("原文句子"));
        assert!(text.contains("\"deadline\""));
    }
}
