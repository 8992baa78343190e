#[test]
fn dump_yaml() {
    let f = std::env::var("SEED").unwrap_or_else(|_| "002_3354ae6352d1d001.txt".into());
    let bytes = std::fs::read(format!("/work/shared/seeds/{f}")).unwrap();
    let d = super::import_notice(
        &bytes,
        &super::ImportOptions {
            source_file: Some(f.clone()),
            revision_date: None,
        },
    )
    .unwrap();
    println!("{}", d.yaml);
    if std::env::var("MD").is_ok() {
        println!("{}", d.markdown);
    }
    println!("{:#?}", d.report.counts);
}
