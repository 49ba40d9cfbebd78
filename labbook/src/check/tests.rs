use super::*;

#[test]
fn anchors_match_mdbooks_ids() {
    let md = "# Execution role\n\n## What's an `IAM` role?\n\n## Execution role\n\n## Custom {#my-id}\n\nTerm\n: Definition\n\n<a id=\"raw-anchor\"></a>\n";
    let ids = anchors_of(md);
    for id in ["execution-role", "whats-an-iam-role", "execution-role-1", "my-id", "term", "raw-anchor"] {
        assert!(ids.contains(id), "missing {id} in {ids:?}");
    }
    assert!(!ids.contains("custom"));
}

#[test]
fn summary_entries_skip_drafts_and_keep_lines() {
    let summary = "# Summary\n\n[Intro](intro.md)\n\n# Part I\n\n- [Setup](setup/index.md)\n  - [Draft]()\n  - [IAM users](setup/iam%20users.md)\n";
    let entries = summary_entries(summary);
    assert_eq!(
        entries,
        vec![
            SummaryEntry { path: "intro.md".into(), line: 3 },
            SummaryEntry { path: "setup/index.md".into(), line: 7 },
            SummaryEntry { path: "setup/iam users.md".into(), line: 9 },
        ]
    );
}

fn src_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("part1")).unwrap();
    std::fs::write(dir.path().join("intro.md"), "# Intro\n\n## Free Tier\n").unwrap();
    std::fs::write(dir.path().join("part1/iam.md"), "# IAM\n\n## Execution role\n").unwrap();
    std::fs::write(dir.path().join("part1/diagram.svg"), "<svg/>").unwrap();
    dir
}

#[test]
fn internal_links_resolve_files_and_anchors() {
    let src = src_tree();
    let mut cache = AnchorCache::default();
    let ch = Path::new("part1/iam.md");
    for ok in ["../intro.md", "../intro.md#free-tier", "../intro.html#free-tier", "#execution-role", "diagram.svg", "./iam.md"] {
        assert_eq!(check_link(src.path(), ch, ok, &mut cache), None, "{ok}");
    }
    let missing = check_link(src.path(), ch, "../intro.md#free-teir", &mut cache).unwrap();
    assert!(missing.contains("has no anchor `#free-teir`"), "{missing}");
    let near = check_link(src.path(), ch, "#execution-roles", &mut cache).unwrap();
    assert!(near.contains("#execution-role"), "suggests the near anchor: {near}");
    assert!(check_link(src.path(), ch, "../nope.md", &mut cache).unwrap().contains("does not exist"));
    assert!(check_link(src.path(), ch, "../../outside.md", &mut cache).unwrap().contains("outside"));
    assert!(check_link(src.path(), ch, "/intro.html", &mut cache).unwrap().contains("absolute"));
}
