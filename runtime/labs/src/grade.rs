//! Grading: every case of a lab run with the learner's code, every check evaluated.

use crate::checks::{CheckResult, evaluate};
use crate::definition::Lab;
use crate::runner::{CaseRun, Runner};

/// The grade of one case.
#[derive(Debug, Clone)]
pub struct CaseGrade {
    /// What happened.
    pub run: CaseRun,
    /// Each check's result, in the lab's order.
    pub checks: Vec<CheckResult>,
}

impl CaseGrade {
    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.run.setup_error.is_none() && self.checks.iter().all(|c| c.passed)
    }
}

/// The grade of a lab.
#[derive(Debug, Clone)]
pub struct Grade {
    /// Lab id.
    pub lab: String,
    /// Per case.
    pub cases: Vec<CaseGrade>,
}

impl Grade {
    /// Checks passed.
    pub fn score(&self) -> usize {
        self.cases.iter().flat_map(|c| &c.checks).filter(|c| c.passed).count()
    }

    /// Checks in total.
    pub fn max_score(&self) -> usize {
        self.cases.iter().map(|c| c.checks.len()).sum()
    }

    /// Whether every check of every case passed.
    pub fn passed(&self) -> bool {
        !self.cases.is_empty() && self.cases.iter().all(CaseGrade::passed)
    }
}

/// A terminal lab in a build without the terminal: one failed check that says why.
#[cfg(not(feature = "terminal"))]
fn terminal_lab_unavailable(lab: &Lab) -> Grade {
    let message = "this runtime has no terminal: terminal labs are graded by the terminal runtime".to_owned();
    let run = crate::runner::CaseRun {
        name: crate::terminal_lab::SESSION_CASE.into(),
        hidden: false,
        before: serde_json::Value::Null,
        after: serde_json::Value::Null,
        invocations: Vec::new(),
        responses: Vec::new(),
        handler_calls: Vec::new(),
        setup_error: Some(message.clone()),
    };
    Grade { lab: lab.id.clone(), cases: vec![CaseGrade { run, checks: vec![CheckResult { description: "the lab's setup".into(), passed: false, message }] }] }
}

/// Runs the lab's cases (hidden ones too when `include_hidden`) with `code` and grades them.
/// For a terminal lab, `code` is a shell script run in the lab's terminal
/// ([`crate::terminal_lab::grade_script`]).
pub fn grade(lab: &Lab, code: &str, include_hidden: bool) -> Grade {
    if lab.is_terminal_lab() {
        #[cfg(feature = "terminal")]
        return crate::terminal_lab::grade_script(lab, code);
        #[cfg(not(feature = "terminal"))]
        return terminal_lab_unavailable(lab);
    }
    let mut runner = Runner::new(lab, code);
    let cases = lab
        .def
        .cases
        .iter()
        .filter(|c| include_hidden || !c.hidden)
        .map(|case| {
            let run = runner.run_case(case);
            let checks = if let Some(e) = &run.setup_error {
                vec![CheckResult { description: "the lab's setup".into(), passed: false, message: e.clone() }]
            } else {
                case.checks.iter().map(|c| evaluate(c, &run)).collect()
            };
            CaseGrade { run, checks }
        })
        .collect();
    Grade { lab: lab.id.clone(), cases }
}
