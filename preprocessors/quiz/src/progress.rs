//! The course outline the "Your progress" page shows: parts, their chapters, and the quizzes
//! and labs each chapter places, taken from the course's chapter map (so it does not depend on
//! which preprocessor ran first) with the titles of the loaded labs and quizzes.

use std::path::Path;

use course::Course;
use minijinja::{Environment, context};
use serde::Serialize;

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

/// The outline of `course`: its parts and chapters, each with the quizzes and labs it places.
pub fn outline(course: &Course) -> Vec<Part> {
    course
        .chapters()
        .parts
        .iter()
        .map(|part| Part {
            title: part.title.clone(),
            chapters: part
                .chapters
                .iter()
                .map(|ch| ChapterEntry {
                    name: ch.name.clone(),
                    path: ch.html_path(),
                    depth: ch.depth,
                    quizzes: ch
                        .quizzes
                        .iter()
                        .filter_map(|q| course.quiz(&q.name))
                        .map(|q| Item { id: q.id.clone(), title: q.title.clone(), count: q.questions.len() })
                        .collect(),
                    labs: ch
                        .labs
                        .iter()
                        .filter_map(|l| course.lab(&l.name))
                        .map(|l| Item { id: l.id.clone(), title: l.def.title.clone(), count: 0 })
                        .collect(),
                })
                .collect(),
        })
        .collect()
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

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn outline_lists_parts_chapters_quizzes_and_labs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "book.toml", "");
        write(root, "src/SUMMARY.md", "[About](about.md)\n\n# Part I\n\n- [Intro](part1/index.md)\n    - [Sub](part1/sub.md)\n- [Summary](part1/summary.md)\n");
        write(root, "src/about.md", "{{#progress}}");
        write(root, "src/part1/index.md", "text");
        write(root, "src/part1/sub.md", "{{#lab s3-thing}}");
        write(root, "src/part1/summary.md", "{{#quiz p1.toml}}\n`{{#quiz ignored.toml}}`");
        write(root, "labs/s3-thing/lab.toml", "title = \"Thumbnails\"\nbrief = \"b\"\n[[cases]]\nname = \"c\"\nsteps = [ { invoke = {} } ]\nchecks = [ { returned = { equals = 1 } } ]\n");
        write(root, "labs/s3-thing/starter.py", "");
        write(root, "labs/s3-thing/solution.py", "");
        write(root, "quizzes/p1.toml", "title = \"Part one\"\n[[questions]]\nkind = \"short\"\nprompt = \"p\"\nanswer = \"a\"\nexplanation = \"e\"\n");
        let course = Course::load(root).unwrap_or_else(|e| panic!("{e}"));
        let parts = outline(&course);
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
