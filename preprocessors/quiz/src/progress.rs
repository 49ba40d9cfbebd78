//! The course outline the "Your progress" page shows: parts, their chapters, and the quizzes
//! and labs each chapter places. Built from the whole book before any directive is expanded,
//! which is why it lives in a preprocessor (it sees every chapter) and not in the page script.

use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use minijinja::{Environment, context};
use serde::{Deserialize, Serialize};

/// A part of the book (chapters before the first part title form an untitled one).
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// The part title; empty for the untitled front matter.
    pub title: String,
    /// Its chapters, depth-first.
    pub chapters: Vec<ChapterEntry>,
}

/// One chapter and what it asks the learner to do.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterEntry {
    /// Chapter title.
    pub name: String,
    /// Its page, relative to the site root (`part1/summary.html`).
    pub path: String,
    /// 0 for a top-level chapter.
    pub depth: usize,
    /// Quizzes placed in it.
    pub quizzes: Vec<Item>,
    /// Labs placed in it.
    pub labs: Vec<Item>,
}

/// A quiz or a lab in a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Quiz id (file stem) or lab id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Quizzes: number of questions (the best score).
    pub count: usize,
}

/// The outline of `book`: quizzes are found by their `{{#quiz}}` directives (titles read from
/// `quizzes_dir`), labs by `{{#lab}}` or, if the labs preprocessor ran first, by the panel it left.
pub fn outline(book: &Book, quizzes_dir: &Path, labs_dir: &Path) -> Vec<Part> {
    let mut parts = vec![Part { title: String::new(), chapters: Vec::new() }];
    for item in &book.items {
        match item {
            BookItem::PartTitle(title) => parts.push(Part { title: title.clone(), chapters: Vec::new() }),
            BookItem::Chapter(ch) => add_chapter(ch, 0, quizzes_dir, labs_dir, &mut parts.last_mut().expect("one part").chapters),
            BookItem::Separator => {}
        }
    }
    parts.retain(|p| !p.chapters.is_empty());
    parts
}

fn add_chapter(ch: &Chapter, depth: usize, quizzes_dir: &Path, labs_dir: &Path, out: &mut Vec<ChapterEntry>) {
    if let Some(path) = &ch.path {
        let mut quizzes = Vec::new();
        let mut labs = Vec::new();
        for d in labbook_directives::find(&ch.content) {
            match d.name {
                "quiz" => {
                    if let Ok(quiz) = crate::model::load(&quizzes_dir.join(d.args)) {
                        quizzes.push(Item { id: quiz.id, title: quiz.title, count: quiz.questions.len() });
                    }
                }
                "lab" => labs.push(lab_item(d.args, labs_dir)),
                _ => {}
            }
        }
        // Panels the labs preprocessor already expanded.
        let marker = "data-labbook-lab=\"";
        let mut rest = ch.content.as_str();
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            if let Some(end) = rest.find('"') {
                labs.push(lab_item(&rest[..end], labs_dir));
            }
        }
        out.push(ChapterEntry {
            name: ch.name.clone(),
            path: html_path(path),
            depth,
            quizzes,
            labs,
        });
    }
    for sub in &ch.sub_items {
        if let BookItem::Chapter(sub) = sub {
            add_chapter(sub, depth + 1, quizzes_dir, labs_dir, out);
        }
    }
}

#[derive(Deserialize)]
struct LabTitle {
    title: String,
}

fn lab_item(id: &str, labs_dir: &Path) -> Item {
    let title = std::fs::read_to_string(labs_dir.join(id).join("lab.toml"))
        .ok()
        .and_then(|t| toml::from_str::<LabTitle>(&t).ok())
        .map_or_else(|| id.to_owned(), |l| l.title);
    Item { id: id.to_owned(), title, count: 0 }
}

fn html_path(md: &Path) -> String {
    let p: PathBuf = md.with_extension("html");
    p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// The data the scripts read: chapter page → the quiz and lab ids it holds.
#[derive(Serialize)]
struct ChapterData<'a> {
    path: &'a str,
    quizzes: Vec<&'a str>,
    labs: Vec<&'a str>,
}

/// The progress list for the page at `page` (its source path, for relative links).
pub fn render(parts: &[Part], page: &Path) -> Result<String, minijinja::Error> {
    let up = "../".repeat(page.components().count().saturating_sub(1));
    let mut data = Vec::new();
    let parts_ctx: Vec<minijinja::Value> = parts
        .iter()
        .map(|p| {
            let chapters: Vec<minijinja::Value> = p
                .chapters
                .iter()
                .map(|c| {
                    context! { name => c.name, path => crate::render::escape_html(&c.path), href => crate::render::escape_html(&format!("{up}{}", c.path)), depth => c.depth, quizzes => c.quizzes, labs => c.labs }
                })
                .collect();
            context! { title => p.title, chapters => chapters }
        })
        .collect();
    for ch in parts.iter().flat_map(|p| &p.chapters) {
        if !ch.quizzes.is_empty() || !ch.labs.is_empty() {
            data.push(ChapterData {
                path: &ch.path,
                quizzes: ch.quizzes.iter().map(|q| q.id.as_str()).collect(),
                labs: ch.labs.iter().map(|l| l.id.as_str()).collect(),
            });
        }
    }
    let quiz_count: usize = parts.iter().flat_map(|p| &p.chapters).map(|c| c.quizzes.len()).sum();
    let lab_count: usize = parts.iter().flat_map(|p| &p.chapters).map(|c| c.labs.len()).sum();
    let mut env = Environment::new();
    env.add_template("progress.html", include_str!("../templates/progress.html"))?;
    let html = env.get_template("progress.html")?.render(context! {
        parts => parts_ctx,
        quiz_count => quiz_count,
        lab_count => lab_count,
        data => crate::render::script_json(&data),
    })?;
    Ok(crate::render::without_blank_lines(&html))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(name: &str, content: &str, path: &str, subs: Vec<BookItem>) -> Chapter {
        Chapter::new(name, content.to_owned(), path, Vec::new()).tap_subs(subs)
    }

    trait TapSubs {
        fn tap_subs(self, subs: Vec<BookItem>) -> Self;
    }
    impl TapSubs for Chapter {
        fn tap_subs(mut self, subs: Vec<BookItem>) -> Self {
            self.sub_items = subs;
            self
        }
    }

    #[test]
    fn outline_lists_parts_chapters_quizzes_and_labs() {
        let dir = tempfile::tempdir().unwrap();
        let quizzes = dir.path().join("quizzes");
        let labs = dir.path().join("labs");
        std::fs::create_dir_all(&quizzes).unwrap();
        std::fs::create_dir_all(labs.join("s3-thing")).unwrap();
        std::fs::write(labs.join("s3-thing/lab.toml"), "title = \"Thumbnails\"\n[[cases]]\n").unwrap();
        std::fs::write(
            quizzes.join("p1.toml"),
            "title = \"Part one\"\n[[questions]]\nkind = \"short\"\nprompt = \"p\"\nanswer = \"a\"\nexplanation = \"e\"\n",
        )
        .unwrap();
        let mut book = Book::new();
        book.push_item(chapter("About", "{{#progress}}", "about.md", vec![]));
        book.push_item(BookItem::PartTitle("Part I".into()));
        let sub = chapter("Sub", "<section data-labbook-lab=\"s3-thing\"></section>", "part1/sub.md", vec![]);
        book.push_item(chapter("Intro", "text", "part1/index.md", vec![BookItem::Chapter(sub)]));
        book.push_item(chapter("Summary", "{{#quiz p1.toml}}\n`{{#quiz ignored.toml}}`", "part1/summary.md", vec![]));
        let parts = outline(&book, &quizzes, &labs);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].title, "");
        assert_eq!(parts[1].title, "Part I");
        let chs = &parts[1].chapters;
        assert_eq!(chs.iter().map(|c| (c.path.as_str(), c.depth)).collect::<Vec<_>>(), vec![
            ("part1/index.html", 0),
            ("part1/sub.html", 1),
            ("part1/summary.html", 0)
        ]);
        assert_eq!(chs[1].labs[0].title, "Thumbnails");
        assert_eq!(chs[2].quizzes.len(), 1);
        assert_eq!(chs[2].quizzes[0].count, 1);

        let html = render(&parts, Path::new("part9/progress.md")).unwrap();
        assert!(html.contains(r#"<a href="../part1/summary.html">Summary</a>"#), "{html}");
        assert!(html.contains(r#"data-labbook-progress-quiz="p1" data-max="1""#));
        assert!(html.contains(r#"data-labbook-progress-lab="s3-thing""#));
        assert!(html.contains(r#"{"path":"part1/summary.html","quizzes":["p1"],"labs":[]}"#), "{html}");
    }
}
