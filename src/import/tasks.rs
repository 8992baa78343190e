//! Tasks (重点任务): the numbered items under a chapter whose heading names tasks
//! (二、重点任务 → 1.完善业务设施条件, under (一)改善硬件设施设备条件).

use super::facility;
use super::sentences::Sentence;
use crate::model::{DateSpec, Task};

/// Extracts the tasks of a plan: the items of chapters about tasks, or of every chapter
/// when `every_chapter` (work points are tasks throughout).
pub fn extract(sentences: &[Sentence], every_chapter: bool) -> Vec<Task> {
    let in_task_chapter = |s: &Sentence| {
        s.outline
            .get(1)
            .and_then(|c| c.as_deref())
            .map(super::script::fold)
            .is_some_and(|c| every_chapter || c.contains("任务") || c.contains("重点工作"))
    };
    let headings: Vec<(usize, &Sentence)> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_heading && s.level >= 2 && in_task_chapter(s))
        .collect();
    let item_level = if headings.iter().any(|(_, s)| s.level == 3) {
        3
    } else {
        2
    };
    let mut tasks = Vec::new();
    for (k, (i, h)) in headings
        .iter()
        .enumerate()
        .filter(|(_, (_, h))| h.level == item_level)
    {
        let next = headings
            .iter()
            .skip(k + 1)
            .find(|(_, o)| o.level <= item_level)
            .map_or(sentences.len(), |(j, _)| *j);
        let chapter_end = sentences
            .iter()
            .enumerate()
            .skip(*i + 1)
            .find(|(_, s)| s.level == 1 && s.is_heading)
            .map_or(sentences.len(), |(j, _)| j);
        let body = &sentences[*i..next.min(chapter_end)];
        let mut responsible: Vec<String> = Vec::new();
        for s in body {
            for m in facility::find(&s.folded, &s.chars) {
                if m.id.is_some() && !responsible.contains(&m.name) {
                    responsible.push(m.name);
                }
            }
        }
        let deadline: Option<DateSpec> = body
            .iter()
            .filter_map(|s| s.own_deadline.as_ref().map(|d| d.due))
            .max_by_key(|d| d.last_day());
        let section = h
            .outline
            .get(item_level - 1)
            .and_then(|o| o.clone())
            .or_else(|| h.outline.get(1).and_then(|o| o.clone()));
        let number = h
            .marker
            .trim_end_matches(['.', '、', '．'])
            .trim()
            .to_string();
        let title = h
            .text
            .chars()
            .skip(if h.text.starts_with(h.marker.as_str()) {
                h.marker.chars().count()
            } else {
                0
            })
            .collect::<String>()
            .trim()
            .trim_end_matches(['。', '.'])
            .to_string();
        tasks.push(Task {
            number: (!number.is_empty()).then_some(number),
            title,
            section,
            responsible,
            deadline,
        });
    }
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sentences::split;

    #[test]
    fn numbered_items_under_sections() {
        let paragraphs: Vec<String> = [
            "一、总体要求",
            "(一)总体目标。以习近平新时代中国特色社会主义思想为指导。",
            "二、重点任务",
            "(一)改善硬件设施设备条件",
            "1.完善业务设施条件。区人民医院和区中医医院按照标准改善。到 2025 年,床位达到 3.5 张/千人。",
            "2.加快医用设备配置。分类编制配置清单。",
            "(二)持续提升医疗服务能力",
            "3.加强专科能力建设。区人民医院创建2个临床重点专科。",
            "三、工作安排",
            "(一)启动阶段(2023年8月-9月)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let tasks = extract(&split(&paragraphs, &[], Some(2023)), false);
        assert_eq!(tasks.len(), 3);
        assert_eq!(tasks[0].number.as_deref(), Some("1"));
        assert_eq!(tasks[0].title, "完善业务设施条件");
        assert_eq!(tasks[0].section.as_deref(), Some("改善硬件设施设备条件"));
        assert_eq!(
            tasks[0].responsible,
            vec!["区人民医院".to_string(), "区中医医院".to_string()]
        );
        assert_eq!(
            tasks[0].deadline.map(|d| d.to_string()).as_deref(),
            Some("2025")
        );
        assert_eq!(tasks[2].section.as_deref(), Some("持续提升医疗服务能力"));
    }

    #[test]
    fn sections_as_tasks() {
        let paragraphs: Vec<String> = [
            "三、工作任务重点",
            "（一）特色专科及人才队伍建设。",
            "1.2019 年 4 月-6 月，组建特色专科三个。",
            "（二）信息平台建设。",
            "1.2019年4月-6月，升级机房设备。",
            "四、保障措施",
            "（一）强化组织领导。成立领导小组。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let tasks = extract(&split(&paragraphs, &[], Some(2019)), false);
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].number.as_deref(), Some("（一）"));
        assert_eq!(tasks[0].title, "特色专科及人才队伍建设");
        assert_eq!(tasks[0].section.as_deref(), Some("工作任务重点"));
        assert_eq!(
            tasks[0].deadline.map(|d| d.to_string()).as_deref(),
            Some("2019-06")
        );
    }
}
