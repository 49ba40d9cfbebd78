//! Labs and quizzes as a SCORM package for an LMS (Moodle, Canvas, Blackboard, Open edX,
//! Brightspace): `labbook export scorm`.
//!
//! A package is a zip with `imsmanifest.xml` at its root ([`manifest`]), ADL's XSDs beside it,
//! one page per lab or quiz (a SCO, [`pages`]) and the files those pages need: the theme's
//! `labbook/` folder, the lab runtime (loaded lazily, as on the site) and each lab's data. The
//! pages are the site's own (a lab's standalone page, a quiz as the chapter shows it) plus
//! `scorm.js`, which finds the LMS's API and reports the score, the status and the learner's
//! draft (suspend data), and, with `--xapi`, `xapi.js`, which sends xAPI statements to an LRS.

pub mod manifest;
pub mod pages;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use course::Course;

use crate::project::Project;

/// The SCORM edition a package is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scorm {
    /// SCORM 1.2: what every LMS takes (suspend data up to 4,096 characters).
    #[value(name = "1.2")]
    V12,
    /// SCORM 2004 4th Edition (suspend data up to 64,000 characters).
    #[value(name = "2004")]
    V2004,
}

impl Scorm {
    /// As the pages' `labbook-scorm` meta tag says it.
    pub fn name(self) -> &'static str {
        match self {
            Scorm::V12 => "1.2",
            Scorm::V2004 => "2004",
        }
    }

    fn schemas(self) -> &'static [(&'static str, &'static [u8])] {
        match self {
            Scorm::V12 => SCORM12_SCHEMAS,
            Scorm::V2004 => SCORM2004_SCHEMAS,
        }
    }
}

macro_rules! schemas {
    ($dir:literal: $($file:literal),* $(,)?) => {
        &[$(($file, include_bytes!(concat!("schemas/", $dir, "/", $file)))),*]
    };
}

/// ADL's schemas, shipped at the package root (see `schemas/README.md`).
const SCORM12_SCHEMAS: &[(&str, &[u8])] =
    schemas!("scorm12": "adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd");
const SCORM2004_SCHEMAS: &[(&str, &[u8])] = schemas!("scorm2004":
    "XMLSchema.dtd", "adlcp_v1p3.xsd", "adlnav_v1p3.xsd", "adlseq_v1p3.xsd", "datatypes.dtd", "imscp_v1p1.xsd",
    "imsss_v1p0.xsd", "imsss_v1p0auxresource.xsd", "imsss_v1p0control.xsd", "imsss_v1p0delivery.xsd",
    "imsss_v1p0limit.xsd", "imsss_v1p0objective.xsd", "imsss_v1p0random.xsd", "imsss_v1p0rollup.xsd",
    "imsss_v1p0seqrule.xsd", "imsss_v1p0util.xsd", "xml.xsd",
);

/// What a SCO is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// A lab, by id.
    Lab(String),
    /// A quiz, by id (its file stem).
    Quiz(String),
    /// A chapter's labs and quizzes on one page (`--per-chapter`).
    Chapter {
        /// Its page's path as an id (`part2-first-function-handler`).
        slug: String,
        /// Its labs and quizzes, in the chapter's order.
        units: Vec<Unit>,
    },
}

impl Unit {
    /// As `<meta name="labbook-sco">` says it: `lab:<id>`, `quiz:<id>`, or a chapter's, space-separated.
    pub fn spec(&self) -> String {
        match self {
            Unit::Lab(id) => format!("lab:{id}"),
            Unit::Quiz(id) => format!("quiz:{id}"),
            Unit::Chapter { units, .. } => units.iter().map(Unit::spec).collect::<Vec<_>>().join(" "),
        }
    }
}

/// One SCO: a lab or a quiz on its own page.
#[derive(Debug, Clone)]
pub struct Sco {
    /// What it is.
    pub unit: Unit,
    /// Its title in the LMS's table of contents.
    pub title: String,
    /// Its page, relative to the package root.
    pub page: String,
}

impl Sco {
    /// `lab-<id>` or `quiz-<id>`: unique in a package, and a valid XML ID.
    pub fn key(&self) -> String {
        match &self.unit {
            Unit::Lab(id) => format!("lab-{id}"),
            Unit::Quiz(id) => format!("quiz-{id}"),
            Unit::Chapter { slug, .. } => format!("chapter-{slug}"),
        }
    }
}

/// SCOs under a title (a chapter), or without one (labs and quizzes named one by one).
#[derive(Debug, Clone)]
pub struct Group {
    /// The chapter's title, if the SCOs came from one.
    pub title: Option<String>,
    /// Its SCOs, in book order.
    pub scos: Vec<Sco>,
}

/// What to export, as the command line says it.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Lab ids.
    pub labs: Vec<String>,
    /// Quiz ids (`part1`) or file names (`part1.toml`).
    pub quizzes: Vec<String>,
    /// Chapter sources, relative to the book's `src/` (`part1/setup.md`).
    pub chapters: Vec<String>,
    /// Every chapter that has a lab or a quiz.
    pub course: bool,
    /// One SCO per chapter (its labs and quizzes on one page) instead of one per lab and quiz.
    pub per_chapter: bool,
}

/// A selection that names nothing, or something the book does not have.
#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    /// Nothing to export.
    #[error("nothing to export: say what with --lab ID, --quiz ID, --chapter PATH or --course")]
    Empty,
    /// `--per-chapter` without chapters.
    #[error("--per-chapter makes one SCO of each chapter: name them with --chapter PATH, or --course")]
    PerChapterAlone,
    /// No such lab.
    #[error("there is no lab `{id}`; the labs are: {known}")]
    UnknownLab {
        /// What was asked for.
        id: String,
        /// The book's lab ids.
        known: String,
    },
    /// No such quiz.
    #[error("there is no quiz `{id}` (a file in the book's quizzes folder); the quizzes are: {known}")]
    UnknownQuiz {
        /// What was asked for.
        id: String,
        /// The book's quiz ids.
        known: String,
    },
    /// No such chapter, or one without labs and quizzes.
    #[error("no chapter `{path}` with a lab or a quiz; chapters that have one: {known}")]
    UnknownChapter {
        /// What was asked for.
        path: String,
        /// Chapter sources that have labs or quizzes.
        known: String,
    },
}

/// The groups of SCOs `selection` names, in the order given (labs, quizzes, then chapters in
/// book order). A lab or quiz named twice (two chapters place it) is packaged once, first place.
pub fn select(course: &Course, selection: &Selection) -> Result<Vec<Group>, SelectionError> {
    if selection.per_chapter && selection.chapters.is_empty() && !selection.course {
        return Err(SelectionError::PerChapterAlone);
    }
    let mut seen = BTreeSet::new();
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    for id in &selection.labs {
        let lab = course.lab(id).ok_or_else(|| SelectionError::UnknownLab {
            id: id.clone(),
            known: course.labs().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", "),
        })?;
        push(&mut loose, &mut seen, lab_sco(lab));
    }
    for id in &selection.quizzes {
        let file = if id.ends_with(".toml") { id.clone() } else { format!("{id}.toml") };
        let quiz = course.quiz(&file).ok_or_else(|| SelectionError::UnknownQuiz {
            id: id.clone(),
            known: course.quizzes().map(|q| q.id.as_str()).collect::<Vec<_>>().join(", "),
        })?;
        push(&mut loose, &mut seen, quiz_sco(quiz));
    }
    if !loose.is_empty() {
        groups.push(Group { title: None, scos: loose });
    }
    let with_units: Vec<&course::Chapter> =
        course.chapters().chapters().filter(|c| !c.labs.is_empty() || !c.quizzes.is_empty()).collect();
    let mut chapters: Vec<&course::Chapter> = Vec::new();
    if selection.course {
        chapters = with_units.clone();
    }
    for path in &selection.chapters {
        let wanted = path.trim_start_matches("./").trim_start_matches("src/");
        let found = with_units.iter().find(|c| {
            let source = c.source.to_string_lossy().replace('\\', "/");
            source == wanted || c.html_path() == wanted || source.trim_end_matches(".md") == wanted
        });
        let Some(chapter) = found else {
            return Err(SelectionError::UnknownChapter {
                path: path.clone(),
                known: with_units.iter().map(|c| c.source.to_string_lossy().into_owned()).collect::<Vec<_>>().join(", "),
            });
        };
        if !chapters.iter().any(|c| c.source == chapter.source) {
            chapters.push(chapter);
        }
    }
    if selection.per_chapter {
        let mut scos = Vec::new();
        for chapter in chapters {
            let mut units: Vec<Unit> =
                chapter.labs.iter().filter(|p| course.lab(&p.name).is_some()).map(|p| Unit::Lab(p.name.clone())).collect();
            units.extend(chapter.quizzes.iter().filter_map(|p| course.quiz(&p.name)).map(|q| Unit::Quiz(q.id.clone())));
            let slug = slug(chapter.html_path().trim_end_matches(".html"));
            let unit = Unit::Chapter { slug: slug.clone(), units };
            push(&mut scos, &mut seen, Sco { unit, title: chapter.name.clone(), page: format!("{}/chapter-{slug}.html", pages::SCO_DIR) });
        }
        if !scos.is_empty() {
            groups.push(Group { title: None, scos });
        }
        return Ok(groups);
    }
    for chapter in chapters {
        let mut scos = Vec::new();
        for placed in &chapter.labs {
            if let Some(lab) = course.lab(&placed.name) {
                push(&mut scos, &mut seen, lab_sco(lab));
            }
        }
        for placed in &chapter.quizzes {
            if let Some(quiz) = course.quiz(&placed.name) {
                push(&mut scos, &mut seen, quiz_sco(quiz));
            }
        }
        if !scos.is_empty() {
            groups.push(Group { title: Some(chapter.name.clone()), scos });
        }
    }
    if groups.is_empty() {
        return Err(SelectionError::Empty);
    }
    Ok(groups)
}

fn push(scos: &mut Vec<Sco>, seen: &mut BTreeSet<Unit>, sco: Sco) {
    if seen.insert(sco.unit.clone()) {
        scos.push(sco);
    }
}

fn lab_sco(lab: &labs::Lab) -> Sco {
    Sco { unit: Unit::Lab(lab.id.clone()), title: format!("Lab: {}", lab.def.title), page: format!("{}/lab-{}.html", pages::SCO_DIR, lab.id) }
}

fn quiz_sco(quiz: &course::quiz::Quiz) -> Sco {
    Sco { unit: Unit::Quiz(quiz.id.clone()), title: format!("Quiz: {}", quiz.title), page: format!("{}/quiz-{}.html", pages::SCO_DIR, quiz.id) }
}

/// How the package reports.
#[derive(Debug, Clone)]
pub struct Options {
    /// SCORM edition.
    pub scorm: Scorm,
    /// The package's title in the LMS; default: the SCO's own if there is one, else the book's.
    pub title: Option<String>,
    /// Fraction of a quiz's questions to answer right to pass (a lab passes when every check does).
    pub mastery: f64,
    /// xAPI reporting, if asked for.
    pub xapi: Option<Xapi>,
    /// Prefix of the xAPI activity ids (`urn:labbook:<book>`); `/<lab|quiz>:<id>` is appended.
    pub activity_base: String,
}

/// Where `xapi.js` sends statements when the launch URL does not say (cmi5 or `endpoint=`).
#[derive(Debug, Clone, Default)]
pub struct Xapi {
    /// The LRS's xAPI endpoint (`https://lrs.example/xapi/`).
    pub endpoint: Option<String>,
    /// Its `Authorization` header value; readable by anyone with the package.
    pub auth: Option<String>,
}

/// A file of the package: bytes made here, or a file copied from disk.
#[derive(Debug)]
enum Entry {
    Bytes(Vec<u8>),
    File(PathBuf),
}

/// A package in memory (its small files) and on disk (theme and runtime, copied when written).
#[derive(Debug)]
pub struct Package {
    entries: BTreeMap<String, Entry>,
    /// The number of SCOs.
    pub scos: usize,
}

/// Assembles the package of `groups`: pages, manifest, schemas, theme, runtime (`bundle`: the
/// plain one, and the terminal's with its service model when a terminal lab is in the package)
/// and the labs' data sealed with the project's key.
pub fn package(project: &Project, course: &Course, bundle: &crate::runtime::Bundle, groups: &[Group], options: &Options) -> Result<Package> {
    let key = crate::runtime::seal_key(project)?;
    let mut entries = BTreeMap::new();
    add_tree(&mut entries, &project.theme.join(crate::site::ASSETS_DIR), "labbook")?;
    add_tree(&mut entries, &bundle.dir, "labbook/wasm")?;
    let terminal_labs = std::cell::Cell::new(false);
    let origin = course.settings().embed_origin.as_deref();
    let scos: Vec<&Sco> = groups.iter().flat_map(|g| &g.scos).collect();
    for sco in &scos {
        let mut lab = |id: &str| -> Result<&labs::Lab> {
            let lab = course.lab(id).with_context(|| format!("lab {id} is not in the course"))?;
            terminal_labs.set(terminal_labs.get() || lab.is_terminal_lab());
            let data = serde_json::to_vec(&labs_wasm::protocol::lab_data(&key, lab))?;
            entries.insert(format!("labbook/labs/{id}.json"), Entry::Bytes(data));
            Ok(lab)
        };
        let quiz = |id: &str| course.quiz(&format!("{id}.toml")).with_context(|| format!("quiz {id} is not in the course"));
        let html = match &sco.unit {
            Unit::Lab(id) => pages::lab_page(lab(id)?, origin, options)?,
            Unit::Quiz(id) => pages::quiz_page(quiz(id)?, &key, options)?,
            Unit::Chapter { units, .. } => {
                let mut parts = Vec::new();
                for unit in units {
                    parts.push(match unit {
                        Unit::Lab(id) => pages::Part::Lab(lab(id)?),
                        Unit::Quiz(id) => pages::Part::Quiz(quiz(id)?),
                        Unit::Chapter { .. } => unreachable!("a chapter holds labs and quizzes"),
                    });
                }
                pages::chapter_page(&sco.title, &sco.unit, &parts, origin, &key, options)?
            }
        };
        entries.insert(sco.page.clone(), Entry::Bytes(html.into_bytes()));
    }
    if terminal_labs.get() {
        add_tree(&mut entries, &bundle.terminal_dir, "labbook/wasm-terminal")?;
        entries.insert("labbook/aws-model.json".to_owned(), Entry::Bytes(terminal::aws::model::BUNDLED_JSON.as_bytes().to_vec()));
    }
    let shared: Vec<String> = entries.keys().filter(|k| k.starts_with("labbook/")).cloned().collect();
    let title = match (&options.title, scos.as_slice()) {
        (Some(t), _) => t.clone(),
        (None, [only]) => only.title.clone(),
        (None, _) => book_title(project).unwrap_or_else(|| "Labs and quizzes".into()),
    };
    let identifier = format!("labbook-{:08x}", fnv(&format!("{title}|{}", scos.iter().map(|s| s.key()).collect::<Vec<_>>().join(","))));
    let xml = manifest::manifest(options.scorm, &identifier, &title, groups, &shared);
    entries.insert("imsmanifest.xml".into(), Entry::Bytes(xml.into_bytes()));
    for (name, bytes) in options.scorm.schemas() {
        entries.insert((*name).to_owned(), Entry::Bytes(bytes.to_vec()));
    }
    Ok(Package { entries, scos: scos.len() })
}

impl Package {
    /// The package's paths, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Writes the zip to `out` (through a temporary file beside it, renamed when complete) and
    /// returns its size in bytes. Entries are deflated and dated 1980-01-01, so the same
    /// inputs give the same bytes; `imsmanifest.xml` comes first.
    pub fn write_zip(&self, out: &Path) -> Result<u64> {
        use zip::write::SimpleFileOptions;
        let tmp = out.with_extension("zip.partial");
        let file = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let opts = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let order = std::iter::once("imsmanifest.xml").chain(self.paths().filter(|p| *p != "imsmanifest.xml"));
        let result = (|| -> Result<()> {
            for path in order {
                zip.start_file(path, opts)?;
                match &self.entries[path] {
                    Entry::Bytes(b) => zip.write_all(b)?,
                    Entry::File(f) => {
                        let mut src = std::fs::File::open(f).with_context(|| format!("reading {}", f.display()))?;
                        std::io::copy(&mut src, &mut zip)?;
                    }
                }
            }
            zip.finish()?.flush()?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.context(format!("writing {}", out.display())));
        }
        std::fs::rename(&tmp, out).with_context(|| format!("moving the package to {}", out.display()))?;
        Ok(std::fs::metadata(out)?.len())
    }
}

/// Adds every file under `dir` as `<prefix>/<relative path>`.
fn add_tree(entries: &mut BTreeMap<String, Entry>, dir: &Path, prefix: &str) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            add_tree(entries, &entry.path(), &name)?;
        } else {
            entries.insert(name, Entry::File(entry.path()));
        }
    }
    Ok(())
}

/// The book's title from `book.toml`, if it has one.
pub fn book_title(project: &Project) -> Option<String> {
    mdbook_driver::config::Config::from_disk(project.book.join("book.toml")).ok()?.book.title
}

/// A short stable hash (FNV-1a) for the manifest's identifier.
fn fnv(s: &str) -> u32 {
    s.bytes().fold(0x811c9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x01000193))
}

/// `text` as an id: lowercase letters, digits and `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_letters_and_digits() {
        assert_eq!(slug("Learn AWS Lambda: by Doing!"), "learn-aws-lambda-by-doing");
    }

    #[test]
    fn sco_keys_are_xml_ids() {
        let sco = Sco { unit: Unit::Quiz("part1".into()), title: String::new(), page: String::new() };
        assert_eq!(sco.key(), "quiz-part1");
    }
}
