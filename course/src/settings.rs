//! The labbook settings of `book.toml`: where labs and quizzes live and who may receive an
//! embedded lab's progress. Read here once; the preprocessors and `labbook` never look the
//! keys up themselves.

use std::path::{Path, PathBuf};

use mdbook_preprocessor::config::Config;

/// `[preprocessor.labbook-labs] labs-dir`: the labs' folder, relative to the book root.
pub const LABS_DIR_KEY: &str = "preprocessor.labbook-labs.labs-dir";
/// `[preprocessor.labbook-labs] embed-origin`: the default parent origin of embedded labs.
pub const EMBED_ORIGIN_KEY: &str = "preprocessor.labbook-labs.embed-origin";
/// `[preprocessor.labbook-labs] search`: `false` switches labbook's typo-tolerant search off
/// and leaves mdBook's own search as the site's search.
pub const SEARCH_KEY: &str = "preprocessor.labbook-labs.search";
/// `[preprocessor.labbook-quiz] quizzes-dir`: the quizzes' folder, relative to the book root.
pub const QUIZZES_DIR_KEY: &str = "preprocessor.labbook-quiz.quizzes-dir";

/// What `book.toml` says about the course, with paths resolved against the book root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The book root (holds `book.toml`).
    pub book_root: PathBuf,
    /// The chapters' folder (`[book] src`). Default: `src`.
    pub src_dir: PathBuf,
    /// Where labs live ([`LABS_DIR_KEY`]). Default: `labs`.
    pub labs_dir: PathBuf,
    /// Where quizzes live ([`QUIZZES_DIR_KEY`]). Default: `quizzes`.
    pub quizzes_dir: PathBuf,
    /// The default parent origin embedded labs report progress to ([`EMBED_ORIGIN_KEY`]);
    /// `None` when unset or blank (never `"*"` unless the book says so).
    pub embed_origin: Option<String>,
    /// Whether the site gets labbook's search ([`SEARCH_KEY`]). Default: `true`.
    pub search: bool,
}

impl Settings {
    /// The settings of the book at `book_root` whose `book.toml` is `config`.
    pub fn from_config(book_root: &Path, config: &Config) -> Settings {
        let text = |key: &str| config.get::<String>(key).ok().flatten();
        Settings {
            book_root: book_root.to_owned(),
            src_dir: book_root.join(&config.book.src),
            labs_dir: book_root.join(text(LABS_DIR_KEY).as_deref().unwrap_or("labs")),
            quizzes_dir: book_root.join(text(QUIZZES_DIR_KEY).as_deref().unwrap_or("quizzes")),
            embed_origin: text(EMBED_ORIGIN_KEY).filter(|o| !o.trim().is_empty()),
            search: config.get::<bool>(SEARCH_KEY).ok().flatten().unwrap_or(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_configured_values() {
        let root = Path::new("/book");
        let defaults = Settings::from_config(root, &Config::default());
        assert_eq!(defaults.src_dir, root.join("src"));
        assert_eq!(defaults.labs_dir, root.join("labs"));
        assert_eq!(defaults.quizzes_dir, root.join("quizzes"));
        assert_eq!(defaults.embed_origin, None);
        assert!(defaults.search);
        let config: Config = "[book]\nsrc = \"chapters\"\n[preprocessor.labbook-labs]\nlabs-dir = \"exercises\"\nembed-origin = \"https://lms.example\"\n[preprocessor.labbook-quiz]\nquizzes-dir = \"checks\"\n"
            .parse()
            .unwrap();
        let set = Settings::from_config(root, &config);
        assert_eq!(set.src_dir, root.join("chapters"));
        assert_eq!(set.labs_dir, root.join("exercises"));
        assert_eq!(set.quizzes_dir, root.join("checks"));
        assert_eq!(set.embed_origin.as_deref(), Some("https://lms.example"));
        let off: Config = "[preprocessor.labbook-labs]\nsearch = false\n".parse().unwrap();
        assert!(!Settings::from_config(root, &off).search);
        let blank: Config = "[preprocessor.labbook-labs]\nembed-origin = \" \"\n".parse().unwrap();
        assert_eq!(Settings::from_config(root, &blank).embed_origin, None);
    }
}
