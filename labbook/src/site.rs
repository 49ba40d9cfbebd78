//! Builds the complete static site: mdBook's HTML (with our preprocessors in-process and
//! the search index), our theme assets, and the lab runtime bundle.
//!
//! mdBook preprocessors cannot add files to the output, so the assets are copied after the
//! render. Everything is written to a staging folder next to the destination and moved into
//! place only when the whole site is complete ([`crate::output`]): a failed build never leaves
//! a half-written site, and `serve` keeps serving the last good one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use course::Course;
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use mdbook_labbook_labs::LabsPreprocessor;
use mdbook_labbook_quiz::QuizPreprocessor;

use crate::output::{self, Protected};
use crate::progress::Progress;
use crate::project::Project;
use crate::runtime::Bundle;

/// Folder inside the site that holds our assets (`labbook.css`, `labbook.js`, `wasm/`).
pub const ASSETS_DIR: &str = "labbook";

/// What a finished build produced.
#[derive(Debug)]
pub struct SiteSummary {
    /// Number of HTML pages.
    pub pages: usize,
    /// Number of files in the site.
    pub files: usize,
    /// Total bytes of the site.
    pub bytes: u64,
}

/// Loads the book's configuration the way `mdbook` does, with the changes `labbook` needs:
/// our theme, output to `out`, and never create missing chapter files (a typo in SUMMARY.md should be an
/// error, not a new empty chapter in the author's tree). Also loads the [`Course`] from that
/// configuration, once: both preprocessors and the site writer take it from here.
pub fn load_book(project: &Project, out: Option<&Path>) -> Result<(MDBook, Arc<Course>)> {
    let toml = project.book.join("book.toml");
    let mut config = Config::from_disk(&toml).with_context(|| format!("reading {}", toml.display()))?;
    config.update_from_env()?;
    config.build.create_missing = false;
    // Always labbook's theme (its head.hbs links our assets), wherever the book lives.
    config
        .set("output.html.theme", project.theme.to_string_lossy().as_ref())
        .context("setting the theme folder")?;
    if let Some(out) = out {
        config.build.build_dir = out.to_path_buf();
    }
    // Code questions are sealed for the runtime by the quiz preprocessor; the key reaches it
    // through this in-memory config only, never book.toml or the site.
    config
        .set(mdbook_labbook_quiz::SEAL_KEY_CONFIG, crate::runtime::seal_key(project)?.to_hex())
        .context("handing the seal key to the quiz preprocessor")?;
    let course = Arc::new(Course::from_config(&project.book, &config)?);
    let mut book = MDBook::load_with_config(&project.book, config)
        .with_context(|| format!("loading the book in {}", project.book.display()))?;
    // Replaces the `[preprocessor.labbook-labs]` command entry (if the book has one for stock
    // mdBook) by the same code running in this process.
    book.with_preprocessor(LabsPreprocessor::new(Arc::clone(&course)));
    book.with_preprocessor(QuizPreprocessor::new(Arc::clone(&course)));
    Ok((book, course))
}

/// Renders the book and adds theme assets and the runtime bundle, then swaps the site into
/// `out` atomically (see [`output`]); `out` must pass [`check_out`].
pub fn build(project: &Project, bundle: &Bundle, out: &Path, progress: &mut Progress) -> Result<SiteSummary> {
    let out = check_out(project, out)?;
    output::clear_leftovers(&out).with_context(|| format!("clearing what an interrupted build left beside {}", out.display()))?;
    let staging = output::staging_dir(&out);
    let result = build_into(project, bundle, &staging, progress)
        .and_then(|()| output::mark(&staging).with_context(|| format!("marking {} as a labbook site", staging.display())));
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    output::swap_in(&staging, &out).with_context(|| format!("moving the new site into {}", out.display()))?;
    summarize(&out)
}

/// Whether a build may replace `out` (not the book, the checkout, its theme or the current
/// folder, nor a folder of other files); returns `out` resolved. `build` checks again, but
/// commands call this first so that a wrong `--out` fails before minutes of compiling.
pub fn check_out(project: &Project, out: &Path) -> Result<PathBuf> {
    let mut protected = vec![
        Protected::new(&project.book, "the book"),
        Protected::new(&project.root, "labbook's checkout"),
        Protected::new(&project.theme, output::THEME),
    ];
    if let Ok(cwd) = std::env::current_dir() {
        protected.push(Protected::new(cwd, "the current folder"));
    }
    Ok(output::check(out, &protected)?)
}

fn build_into(project: &Project, bundle: &Bundle, dir: &Path, progress: &mut Progress) -> Result<()> {
    progress.step("Rendering the book with mdBook (preprocessors, HTML, search index)");
    let (book, course) = load_book(project, Some(dir))?;
    book.build().map_err(|e| anyhow::anyhow!("{}", mdbook_error_chain(&e)))?;

    progress.step("Copying theme assets, the lab runtime and the labs");
    let assets = dir.join(ASSETS_DIR);
    let copied = copy_tree(&project.theme.join(ASSETS_DIR), &assets)?;
    let wasm_files = copy_tree(&bundle.dir, &assets.join(crate::runtime::SITE_DIRS[0]))?
        + copy_tree(&bundle.terminal_dir, &assets.join(crate::runtime::SITE_DIRS[1]))?;
    // The terminal's service model: fetched only by pages with a terminal.
    std::fs::write(assets.join("aws-model.json"), terminal::aws::model::BUNDLED_JSON)?;
    let labs = write_labs(project, &course, &assets.join("labs"))?;
    write_lab_pages(&course, &dir.join(LAB_PAGES_DIR))?;
    progress.detail(&format!("{copied} theme files, {wasm_files} runtime files, {labs} labs (with their pages)"));
    if course.settings().search {
        let s = crate::search::write(dir, &assets, &course)?;
        let [sections, labs, questions, terms, commands] = s.by_kind;
        progress.detail(&format!(
            "search index: {sections} sections, {labs} labs, {questions} quiz questions, {terms} glossary terms, {commands} commands; {} words, {} KB",
            s.terms,
            s.bytes / 1024
        ));
    } else {
        crate::search::write_off(&assets)?;
    }
    Ok(())
}

/// Writes every lab as `labs/<id>.json`, the data the lab panel loads: its public part in
/// clear, the whole lab sealed for the runtime (`labs_wasm::protocol::lab_data`).
fn write_labs(project: &Project, course: &Course, to: &Path) -> Result<usize> {
    let key = crate::runtime::seal_key(project)?;
    let labs: Vec<&::labs::Lab> = course.labs().collect();
    std::fs::create_dir_all(to)?;
    for lab in &labs {
        let json = serde_json::to_string(&labs_wasm::protocol::lab_data(&key, lab))?;
        std::fs::write(to.join(format!("{}.json", lab.id)), json)?;
    }
    Ok(labs.len())
}

/// Folder of the labs' standalone pages in the site (`labs/<id>.html`).
pub const LAB_PAGES_DIR: &str = "labs";

/// Writes every lab's standalone page, `labs/<id>.html`: the panel without the book's chrome,
/// for embedding in an iframe (see README, "Embedding a lab"). mdBook cannot emit pages that
/// are not chapters, so they are written after its render, from the same templates.
fn write_lab_pages(course: &Course, to: &Path) -> Result<usize> {
    let origin = course.settings().embed_origin.as_deref();
    let ids: Vec<&::labs::Lab> = course.labs().collect();
    std::fs::create_dir_all(to)?;
    for lab in &ids {
        let html = mdbook_labbook_labs::lab_page(lab, "../", origin)?;
        std::fs::write(to.join(format!("{}.html", lab.id)), html)?;
    }
    Ok(ids.len())
}

/// mdBook's errors are anyhow chains whose useful part (the preprocessor's `file:line`) is at
/// the end; print every cause, one per line.
fn mdbook_error_chain(e: &anyhow::Error) -> String {
    e.chain().map(ToString::to_string).collect::<Vec<_>>().join("\n  caused by: ")
}

/// Copies a folder tree; returns the number of files copied.
pub fn copy_tree(from: &Path, to: &Path) -> Result<usize> {
    let mut count = 0;
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            count += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {} to {}", entry.path().display(), target.display()))?;
            count += 1;
        }
    }
    Ok(count)
}

fn summarize(dir: &Path) -> Result<SiteSummary> {
    let mut summary = SiteSummary { pages: 0, files: 0, bytes: 0 };
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                summary.files += 1;
                summary.bytes += entry.metadata()?.len();
                if entry.path().extension().is_some_and(|e| e == "html") {
                    summary.pages += 1;
                }
            }
        }
    }
    Ok(summary)
}
