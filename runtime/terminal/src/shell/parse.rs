//! The shell's grammar: what AWS's docs and the course type, parsed as bash parses it.
//!
//! Lists (`;`, newlines), `&&`/`||`, pipelines (`|`), simple commands with leading
//! `NAME=value` assignments, redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `&>`), here-documents
//! (`<<EOF`, `<<'EOF'` without expansion, `<<-EOF` stripping tabs), `#` comments, `\`
//! line continuations, and words made of unquoted text, `'single'` and `"double"` quotes,
//! `$NAME`, `${NAME}`, `${NAME:-default}`, `$?` and `$(...)` / backquote command substitution.
//! No functions, loops or conditionals: the course never types them at a prompt.

use thiserror::Error;

use super::lex::{Lexer, Token};

/// A parse failure, worded as bash words it.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The input ends inside a quote, substitution or here-document, or after `&&`/`|`/`\`:
    /// the terminal asks for another line rather than failing.
    #[error("unexpected end of file")]
    Incomplete,
    /// A token where none fits.
    #[error("syntax error near unexpected token `{0}'")]
    Unexpected(String),
}

/// One piece of a word, before expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text; `quoted` text is never split or globbed.
    Lit {
        /// The characters.
        text: String,
        /// Inside quotes (or escaped).
        quoted: bool,
    },
    /// `$NAME`, `${NAME}` or `${NAME:-default}`.
    Var {
        /// Variable name (`?` for the last status).
        name: String,
        /// The `:-` default, if any.
        default: Option<Word>,
        /// Inside double quotes.
        quoted: bool,
    },
    /// `$(...)` or backquotes: the source of the inner script.
    Sub {
        /// Script source.
        source: String,
        /// Inside double quotes.
        quoted: bool,
    },
}

/// A word: parts that expand to one or more fields.
pub type Word = Vec<Part>;

/// Where a redirection sends or takes a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redirect {
    /// `N> file` (truncate) or `N>> file` (append); N is 1 or 2.
    Out {
        /// 1 (stdout) or 2 (stderr).
        fd: u8,
        /// The target word.
        target: Word,
        /// `>>`.
        append: bool,
    },
    /// `&> file`: both streams to the file.
    Both {
        /// The target word.
        target: Word,
    },
    /// `2>&1` (`from` = 2, `to` = 1) or `1>&2`.
    Dup {
        /// The stream redirected.
        from: u8,
        /// Where it goes.
        to: u8,
    },
    /// `< file`.
    In {
        /// The source word.
        source: Word,
    },
    /// A here-document: its body, expanded unless the delimiter was quoted.
    HereDoc {
        /// The body lines joined, with the final newline.
        body: String,
        /// Whether `$` expansions apply.
        expand: bool,
    },
}

/// A simple command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    /// Leading `NAME=value` words.
    pub assignments: Vec<(String, Word)>,
    /// The command name and arguments.
    pub words: Vec<Word>,
    /// Redirections, in order.
    pub redirects: Vec<Redirect>,
}

/// Commands joined by `|`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pipeline {
    /// `!` in front: the status is negated.
    pub negated: bool,
    /// The commands.
    pub commands: Vec<Command>,
}

/// How a pipeline joins the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// `;` or a newline: always run.
    Then,
    /// `&&`: run if the previous succeeded.
    And,
    /// `||`: run if the previous failed.
    Or,
}

/// A parsed script: pipelines with how each joins the previous one.
pub type Script = Vec<(Join, Pipeline)>;

/// Parses a script; [`ParseError::Incomplete`] means "ask for another line".
pub fn parse(src: &str) -> Result<Script, ParseError> {
    let tokens = Lexer::new(src).run()?;
    build(tokens)
}

/// Whether `src` needs another line before it can run (open quote, `\` at the end, a
/// here-document without its delimiter, a trailing `&&`, `||` or `|`).
pub fn is_incomplete(src: &str) -> bool {
    matches!(parse(src), Err(ParseError::Incomplete))
}

fn build(tokens: Vec<Token>) -> Result<Script, ParseError> {
    let mut script = Script::new();
    let mut join = Join::Then;
    let mut pipeline = Pipeline::default();
    let mut command = Command::default();
    // After `&&`, `||` or `|`, a command must follow (newlines may come first).
    let mut need_command = false;
    let finish_command = |pipeline: &mut Pipeline, command: &mut Command| -> bool {
        if command.words.is_empty() && command.assignments.is_empty() && command.redirects.is_empty() {
            return false;
        }
        pipeline.commands.push(std::mem::take(command));
        true
    };
    for token in tokens {
        match token {
            Token::Word(w) => {
                if command.words.is_empty() && command.assignments.is_empty() && w == [Part::Lit { text: "!".into(), quoted: false }] && pipeline.commands.is_empty() {
                    pipeline.negated = !pipeline.negated;
                    continue;
                }
                command.words.push(w);
                need_command = false;
            }
            Token::Assign(name, value) => {
                if command.words.is_empty() {
                    command.assignments.push((name, value));
                } else {
                    // After the command name, `A=b` is an ordinary argument.
                    let mut w = vec![Part::Lit { text: format!("{name}="), quoted: false }];
                    w.extend(value);
                    command.words.push(w);
                }
                need_command = false;
            }
            Token::Redirect(r) => {
                command.redirects.push(r);
                need_command = false;
            }
            Token::Op("|") => {
                if !finish_command(&mut pipeline, &mut command) {
                    return Err(ParseError::Unexpected("|".into()));
                }
                need_command = true;
            }
            Token::Op(op @ ("&&" | "||")) => {
                if !finish_command(&mut pipeline, &mut command) {
                    return Err(ParseError::Unexpected(op.into()));
                }
                script.push((join, std::mem::take(&mut pipeline)));
                join = if op == "&&" { Join::And } else { Join::Or };
                need_command = true;
            }
            Token::Op(_) | Token::Newline => {
                let is_semi = token == Token::Op(";");
                if need_command {
                    if is_semi {
                        return Err(ParseError::Unexpected(";".into()));
                    }
                    continue;
                }
                if finish_command(&mut pipeline, &mut command) {
                    script.push((join, std::mem::take(&mut pipeline)));
                    join = Join::Then;
                } else if is_semi {
                    return Err(ParseError::Unexpected(";".into()));
                }
            }
        }
    }
    if need_command {
        return Err(ParseError::Incomplete);
    }
    if finish_command(&mut pipeline, &mut command) {
        script.push((join, pipeline));
    }
    Ok(script)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str, quoted: bool) -> Part {
        Part::Lit { text: s.into(), quoted }
    }

    #[test]
    fn words_quotes_and_variables() {
        let s = parse(r#"echo 'a b' "c $X ${Y:-d}" e\ f"#).unwrap();
        let words = &s[0].1.commands[0].words;
        assert_eq!(words[0], vec![lit("echo", false)]);
        assert_eq!(words[1], vec![lit("a b", true)]);
        assert_eq!(words[2][0], lit("c ", true));
        assert!(matches!(&words[2][1], Part::Var { name, quoted: true, .. } if name == "X"));
        assert!(matches!(&words[2][3], Part::Var { name, default: Some(_), .. } if name == "Y"));
        assert_eq!(words[3], vec![lit("e", false), lit(" ", true), lit("f", false)]);
    }

    #[test]
    fn command_substitution_nests_and_keeps_quotes() {
        let s = parse(r#"ROLE=$(aws iam get-role --role-name "r" --query 'Role.Arn' --output text)"#).unwrap();
        let c = &s[0].1.commands[0];
        assert!(c.words.is_empty());
        assert_eq!(c.assignments[0].0, "ROLE");
        assert!(matches!(&c.assignments[0].1[0], Part::Sub { source, .. } if source.starts_with("aws iam get-role --role-name \"r\"")));
    }

    #[test]
    fn and_or_pipes_and_comments() {
        let s = parse("mkdir a && cd a || echo no # comment\nls | cat").unwrap();
        let joins: Vec<Join> = s.iter().map(|(j, _)| *j).collect();
        assert_eq!(joins, [Join::Then, Join::And, Join::Or, Join::Then]);
        assert_eq!(s[3].1.commands.len(), 2);
    }

    #[test]
    fn heredoc_quoted_delimiter_does_not_expand() {
        let s = parse("cat <<'EOF' > f.py\nprint($X)\nEOF\n").unwrap();
        let r = &s[0].1.commands[0].redirects;
        assert_eq!(r[0], Redirect::HereDoc { body: "print($X)\n".into(), expand: false });
        assert!(matches!(&r[1], Redirect::Out { fd: 1, append: false, .. }));
    }

    #[test]
    fn incomplete_inputs_ask_for_more() {
        for src in ["echo 'a", "echo \"a", "aws lambda invoke \\", "cat <<EOF\nhello", "ls &&", "ls |", "X=$(echo"] {
            assert!(is_incomplete(src), "{src:?}");
        }
        for src in ["echo a", "aws lambda invoke \\\n  --function-name f out.json", "cat <<EOF\nhi\nEOF", ""] {
            assert!(!is_incomplete(src), "{src:?}");
        }
    }

    #[test]
    fn redirections_and_dup() {
        let s = parse("aws s3 ls 2>&1 >> log.txt").unwrap();
        let r = &s[0].1.commands[0].redirects;
        assert_eq!(r[0], Redirect::Dup { from: 2, to: 1 });
        assert!(matches!(&r[1], Redirect::Out { fd: 1, append: true, .. }));
    }

    #[test]
    fn syntax_errors_name_the_token() {
        assert_eq!(parse("&& ls"), Err(ParseError::Unexpected("&&".into())));
        assert_eq!(parse("ls ;;"), Err(ParseError::Unexpected(";".into())));
        assert_eq!(parse("echo >"), Err(ParseError::Unexpected("newline".into())));
    }
}
