//! The committed service model is what `tools/gen_model.py` makes from the pinned botocore and
//! the mock cloud's implemented operations: a model edited by hand, or one left stale after an
//! operation was added to the mock, fails here with the command that regenerates it.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_model_is_what_the_generator_makes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let requirements = root.join("tools/requirements.txt");
    let python = pyvenv::Venv {
        dir: pyvenv::target_dir().join("terminal-model-venv"),
        requirements: Some(&requirements),
        purpose: "the terminal's model check runs tools/gen_model.py with botocore",
    }
    .python();
    let out = Command::new(&python).arg(root.join("tools/gen_model.py")).arg("--check").output().expect("gen_model.py runs");
    assert!(
        out.status.success(),
        "{}{}\nregenerate with: {} runtime/terminal/tools/gen_model.py",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        python.display()
    );
}

#[test]
fn every_operation_the_mock_answers_is_in_the_model_and_parses() {
    let model = terminal::Model::bundled();
    let lambda = &model.services["lambda"];
    for op in ["CreateFunction", "Invoke", "PublishVersion", "CreateAlias", "PublishLayerVersion", "PutFunctionConcurrency"] {
        assert!(lambda.operations[op].implemented, "{op}");
        assert!(lambda.operations[op].input.as_deref().and_then(|i| lambda.shape(i)).is_some(), "{op}'s input shape");
    }
    assert!(model.services["iam"].operations["CreateRole"].implemented);
    assert!(model.services["sts"].operations["GetCallerIdentity"].implemented);
}
