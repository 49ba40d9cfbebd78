use std::path::Path;

use super::*;

const LAB: &str = "title = \"Say <hi>\"\nbrief = \"Return **hi**.\"\nhints = [\"Use `return`.\"]\n\n[[cases]]\nname = \"says hi\"\nsteps = [ { invoke = {} } ]\nchecks = [ { returned = { equals = \"hi\" } } ]\n";
const QUIZ: &str = "title = \"Part one\"\n[[questions]]\nkind = \"short\"\nprompt = \"p\"\nanswer = \"a\"\nexplanation = \"e\"\n";

/// A small book: `book.toml`, SUMMARY.md and chapters, labs and quizzes from `(path, text)`.
fn book(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn lab_files(id: &str, toml: &'static str) -> Vec<(String, &'static str)> {
    vec![
        (format!("labs/{id}/lab.toml"), toml),
        (format!("labs/{id}/starter.py"), "def lambda_handler(event, context):\n    return 'no'\n"),
        (format!("labs/{id}/solution.py"), "def lambda_handler(event, context):\n    return 'hi'\n"),
    ]
}

fn with_lab<'a>(id: &str, toml: &'static str, rest: &[(&'a str, &'a str)]) -> tempfile::TempDir {
    let labs = lab_files(id, toml);
    let mut files: Vec<(&str, &str)> = labs.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    files.extend_from_slice(rest);
    book(&files)
}

const SUMMARY: &str = "# Summary\n\n[About](about.md)\n\n# Part I\n\n- [Intro](part1/index.md)\n    - [Draft]()\n        - [Deep](part1/deep.md)\n- [Summary](part1/summary.md)\n- [Missing](part1/missing.md)\n";

#[test]
fn loads_settings_labs_quizzes_and_the_chapter_map() {
    let dir = with_lab("hello", LAB, &[
        ("book.toml", "[book]\nsrc = \"src\"\n[preprocessor.labbook-labs]\nembed-origin = \"https://lms.example\"\n"),
        ("src/SUMMARY.md", SUMMARY),
        ("src/about.md", "{{#progress}}\n"),
        ("src/part1/index.md", "# Intro\n"),
        ("src/part1/deep.md", "# Deep\n\nText.\n\n{{#lab hello}}\n"),
        ("src/part1/summary.md", "{{#quiz p1.toml}}\n`{{#quiz ignored.toml}}`\n"),
        ("quizzes/p1.toml", QUIZ),
    ]);
    let course = Course::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(course.settings().embed_origin.as_deref(), Some("https://lms.example"));
    assert_eq!(course.labs().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["hello"]);
    assert_eq!(course.lab("hello").unwrap().def.hints, ["Use `return`."]);
    assert_eq!(course.quiz("p1.toml").unwrap().title, "Part one");

    let map = course.chapters();
    let titles: Vec<&str> = map.parts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["", "Part I"]);
    let chapters: Vec<(String, usize)> = map.chapters().map(|c| (c.html_path(), c.depth)).collect();
    assert_eq!(chapters, [
        ("about.html".to_owned(), 0),
        ("part1/index.html".to_owned(), 0),
        ("part1/deep.html".to_owned(), 2),
        ("part1/summary.html".to_owned(), 0),
    ]);
    let deep = map.chapters().nth(2).unwrap();
    assert_eq!(deep.labs, [Placement { name: "hello".into(), line: 5 }]);
    let summary = map.chapters().nth(3).unwrap();
    assert_eq!(summary.quizzes, [Placement { name: "p1.toml".into(), line: 1 }], "code spans are not placements");
    assert_eq!(map.placing_lab("hello").map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Deep"]);
}

#[test]
fn a_bad_lab_toml_is_an_error_at_its_line() {
    let dir = with_lab("broken", "title = \"B\"\nbrief = \"b\"\nbogus = 1\n[[cases]]\n", &[
        ("book.toml", ""),
        ("src/SUMMARY.md", "[A](a.md)\n"),
        ("src/a.md", "{{#lab broken}}\n"),
    ]);
    let err = Course::load(dir.path()).unwrap_err();
    let CourseError::Problems { problems } = &err else { panic!("{err}") };
    assert_eq!(problems.len(), 1, "the chapter placing it is not told it is missing: {problems:?}");
    assert_eq!(problems[0].area, Area::Lab);
    assert!(problems[0].file.ends_with("labs/broken/lab.toml"), "{err}");
    assert_eq!(problems[0].line, 3, "{err}");
    assert!(problems[0].message.contains("unknown field `bogus`"), "{err}");
    // Read leniently, the rest of the course is still there.
    let (course, problems) = Course::read(dir.path()).unwrap();
    assert_eq!(problems.len(), 1);
    assert!(course.lab("broken").is_none());
    assert_eq!(course.chapters().chapters().count(), 1);
}

#[test]
fn a_bad_quiz_is_an_error_at_its_line() {
    let dir = book(&[
        ("book.toml", "[preprocessor.labbook-quiz]\nquizzes-dir = \"checks\"\n"),
        ("src/SUMMARY.md", "[A](a.md)\n"),
        ("src/a.md", "{{#quiz bad.toml}}\n"),
        ("checks/bad.toml", "title = \"B\"\n[[questions]]\nkind = \"poll\"\nprompt = \"p\"\nexplanation = \"e\"\n"),
    ]);
    let (_, problems) = Course::read(dir.path()).unwrap();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].ends_with("checks/bad.toml:3: unknown question kind `poll`; kinds: single, multiple, short, numeric, code"), "{shown:?}");
    assert_eq!(problems[0].area, Area::Quiz);
}

#[test]
fn a_chapter_placing_an_unknown_lab_or_quiz_is_an_error_at_the_directive() {
    let dir = with_lab("sqs-orders", LAB, &[
        ("book.toml", ""),
        ("src/SUMMARY.md", "[A](a.md)\n"),
        ("src/a.md", "a\n\n{{#lab s3-uplod}}\n{{#lab}}\n{{#lab Bad_Id}}\n{{#quiz nope.toml}}\n{{#quiz ../x.toml}}\n"),
        ("quizzes/one.toml", QUIZ),
    ]);
    let err = Course::load(dir.path()).unwrap_err().to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(lines[0].contains("src/a.md:3: no lab `s3-uplod`: expected "), "{err}");
    assert!(lines[0].ends_with("labs/s3-uplod/lab.toml; create it or fix the id (labs here: sqs-orders)"), "{err}");
    assert!(lines[1].contains("src/a.md:4: `{{#lab}}` needs a lab id"), "{err}");
    assert!(lines[2].contains("src/a.md:5: lab id `Bad_Id` may only use lowercase"), "{err}");
    assert!(lines[3].contains("src/a.md:6: no quiz `nope.toml`") && lines[3].ends_with("(quizzes here: one.toml)"), "{err}");
    assert!(lines[4].contains("src/a.md:7: `{{#quiz ../x.toml}}`: name a file"), "{err}");
}

#[test]
fn no_book_toml_is_a_config_error_and_no_labs_folder_is_no_labs() {
    let dir = book(&[("src/SUMMARY.md", "[A](a.md)\n"), ("src/a.md", "a\n")]);
    assert!(matches!(Course::load(dir.path()), Err(CourseError::Config { .. })));
    std::fs::write(dir.path().join("book.toml"), "").unwrap();
    let course = Course::load(dir.path()).unwrap();
    assert_eq!((course.labs().len(), course.quizzes().len()), (0, 0));
    assert!(Path::new(&course.settings().labs_dir).ends_with("labs"));
}
