//! `labbook export scorm`: the package a learner's LMS gets. Its manifest is validated against
//! ADL's own XSDs (shipped in the package, checked with lxml in a pinned venv), every file the
//! manifest lists is in the zip and the other way round, each SCO page loads the adapter, and
//! no answer is in the package in readable form. The browser test
//! (`browser-tests/scorm.test.mjs`) runs a package against a real SCORM runtime.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Validates `manifest` (inside the extracted package `dir`) against the XSDs its
/// `xsi:schemaLocation` names, all of which must be files in the package: libxml2 does not
/// follow schemaLocation hints itself, so one schema that imports each namespace is built.
const VALIDATE: &str = r#"
import sys
from lxml import etree
pkg = sys.argv[1]
# ADL's SCORM 1.2 ims_xml.xsd binds the xml namespace as its default, which Namespaces in XML
# forbids and libxml2 refuses; nothing in the file uses that default, so the copy validated
# here goes without it (the package ships ADL's file unchanged).
try:
    with open(pkg + "/ims_xml.xsd") as f:
        text = f.read()
    with open(pkg + "/ims_xml.xsd", "w") as f:
        f.write(text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1))
except FileNotFoundError:
    pass
doc = etree.parse(pkg + "/imsmanifest.xml")
loc = doc.getroot().get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
imports = "".join('<xsd:import namespace="%s" schemaLocation="%s"/>' % (ns, f) for ns, f in zip(loc[::2], loc[1::2]))
wrapper = '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:labbook:all">%s</xsd:schema>' % imports
with open(pkg + "/labbook-all.xsd", "w") as f:
    f.write(wrapper)
schema = etree.XMLSchema(etree.parse(pkg + "/labbook-all.xsd"))
if not schema.validate(doc):
    for e in schema.error_log:
        print("imsmanifest.xml:%d: %s" % (e.line, e.message))
    sys.exit(1)
print("valid against", ", ".join(loc[1::2]))
"#;

fn python() -> std::path::PathBuf {
    let requirements = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export-requirements.txt");
    pyvenv::Venv {
        dir: pyvenv::target_dir().join("scorm-xsd-venv"),
        requirements: Some(&requirements),
        purpose: "the SCORM export test validates the manifest against ADL's XSDs with lxml",
    }
    .python()
}

fn export(dir: &Path, args: &[&str]) -> std::process::Output {
    let book = common::book();
    let mut all = vec!["--book", book.to_str().unwrap(), "export", "scorm"];
    all.extend_from_slice(args);
    common::labbook(dir, &all)
}

/// Every entry of the zip: name and bytes.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

fn check_package(scratch: &Path, zip: &Path, scorm_type: &str) -> Vec<(String, Vec<u8>)> {
    let files = entries(zip);
    assert_eq!(files[0].0, "imsmanifest.xml", "the manifest comes first");
    let manifest = String::from_utf8(files[0].1.clone()).unwrap();
    // Every file the manifest names is in the zip, and every file of the zip but the manifest
    // and its schemas is named.
    let names: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let listed: BTreeSet<&str> = manifest.split("<file href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    for f in &listed {
        assert!(names.contains(f), "the manifest lists {f}, which is not in the package");
    }
    for n in &names {
        let schema = n.ends_with(".xsd") || n.ends_with(".dtd");
        assert!(listed.contains(n) || schema || *n == "imsmanifest.xml", "{n} is in the package but not in the manifest");
    }
    assert!(names.contains("labbook/wasm/labs_wasm_bg.wasm"), "the runtime is packaged");
    assert!(manifest.contains(&format!("{scorm_type}=\"sco\"")), "{manifest}");

    let dir = scratch.join(zip.file_stem().unwrap());
    for (name, bytes) in &files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let out = Command::new(python()).arg("-c").arg(VALIDATE).arg(&dir).output().expect("python runs");
    assert!(
        out.status.success(),
        "imsmanifest.xml fails ADL's schemas:\n{}{}\n{manifest}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    files
}

#[test]
fn scorm_packages_validate_carry_the_adapter_and_no_answers() {
    let scratch = tempfile::tempdir().unwrap();
    let zip12 = scratch.path().join("scorm12.zip");
    let out = export(scratch.path(), &["--lab", "first-handler", "--quiz", "part1-setup", "--dev-runtime", "--out", zip12.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SCORM 1.2 package with 2 SCOs"), "{}", String::from_utf8_lossy(&out.stderr));
    let files = check_package(scratch.path(), &zip12, "adlcp:scormtype");

    let page = |name: &str| String::from_utf8(files.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap();
    let lab = page("sco/lab-first-handler.html");
    let (storage, scorm, labbook) =
        (lab.find("labbook/storage.js").unwrap(), lab.find("labbook/scorm.js").unwrap(), lab.find("labbook/labbook.js").unwrap());
    assert!(storage < scorm && scorm < labbook, "storage.js, then scorm.js, then labbook.js:\n{lab}");
    assert!(lab.contains(r#"<meta name="labbook-sco" content="lab:first-handler">"#), "{lab}");
    assert!(lab.contains(r#"data-labbook-lab="first-handler""#), "the lab's panel is on its page");
    let quiz = page("sco/quiz-part1-setup.html");
    assert!(quiz.contains(r#"data-labbook-quiz="part1-setup""#) && quiz.contains("labbook/quiz.js"), "{quiz}");
    assert!(!quiz.contains("xapi.js"), "xAPI only when asked for");

    // The solution and a quiz explanation stay sealed, as on the site.
    let solution = std::fs::read_to_string(common::book().join("labs/first-handler/solution.py")).unwrap();
    let secret = solution.lines().map(str::trim).filter(|l| l.len() > 25 && !l.starts_with('#')).max_by_key(|l| l.len()).unwrap();
    for (name, bytes) in &files {
        assert!(!String::from_utf8_lossy(bytes).contains(secret), "{name} holds the solution line {secret:?}");
    }

    // SCORM 2004 4th Edition, a chapter's labs and quizzes, with xAPI.
    let zip2004 = scratch.path().join("scorm2004.zip");
    let out = export(
        scratch.path(),
        &["--chapter", "part1/summary.md", "--scorm", "2004", "--xapi", "https://lrs.example/xapi/", "--dev-runtime", "--out", zip2004.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files = check_package(scratch.path(), &zip2004, "adlcp:scormType");
    let manifest = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(manifest.contains("<schemaversion>2004 4th Edition</schemaversion>"), "{manifest}");
    assert!(manifest.contains("<item identifier=\"group-1\">"), "the chapter groups its SCOs: {manifest}");
    let sco = files.iter().find(|(n, _)| n.starts_with("sco/quiz-")).expect("part 1's summary has a quiz");
    let html = String::from_utf8_lossy(&sco.1);
    assert!(html.contains(r#"<meta name="labbook-scorm" content="2004">"#) && html.contains("labbook/xapi.js"), "{html}");
    assert!(html.contains(r#"<meta name="labbook-xapi" content="https://lrs.example/xapi/">"#), "{html}");

    // The whole course, one SCO per chapter: each page holds the chapter's labs and quizzes.
    let course = scratch.path().join("course.zip");
    let out = export(scratch.path(), &["--course", "--per-chapter", "--dev-runtime", "--out", course.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files = check_package(scratch.path(), &course, "adlcp:scormtype");
    let chapter = files.iter().find(|(n, _)| n == "sco/chapter-part2-first-function-handler.html").expect("a page per chapter");
    let html = String::from_utf8_lossy(&chapter.1);
    assert!(html.contains(r#"<meta name="labbook-sco" content="lab:first-handler lab:event-and-context">"#), "{html}");
    assert!(html.contains(r#"data-labbook-lab="first-handler""#) && html.contains(r#"data-labbook-lab="event-and-context""#), "{html}");
    // Each lab a chapter page places has its data in the package, and no other lab does.
    let placed: BTreeSet<String> = files
        .iter()
        .filter(|(n, _)| n.starts_with("sco/chapter-"))
        .flat_map(|(_, b)| {
            let html = String::from_utf8_lossy(b).into_owned();
            let meta = html.split(r#"<meta name="labbook-sco" content=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
            meta.split(' ').filter_map(|u| u.strip_prefix("lab:")).map(|id| format!("labbook/labs/{id}.json")).collect::<Vec<_>>()
        })
        .collect();
    let data: BTreeSet<String> = files.iter().map(|(n, _)| n.clone()).filter(|n| n.starts_with("labbook/labs/") && n.ends_with(".json")).collect();
    assert!(placed.len() > 5, "the course's chapters place its labs: {placed:?}");
    assert_eq!(data, placed, "every placed lab's data is in the package, and only theirs");
}

#[test]
fn bad_selections_fail_before_compiling_with_what_exists() {
    let scratch = tempfile::tempdir().unwrap();
    let zip = scratch.path().join("p.zip");
    let zip = zip.to_str().unwrap();
    for (args, expected) in [
        (vec!["--out", zip], "nothing to export"),
        (vec!["--lab", "no-such-lab", "--out", zip], "there is no lab `no-such-lab`; the labs are: "),
        (vec!["--quiz", "nope", "--out", zip], "there is no quiz `nope`"),
        (vec!["--chapter", "part9/x.md", "--out", zip], "no chapter `part9/x.md` with a lab or a quiz; chapters that have one: part1/"),
        (vec!["--lab", "first-handler", "--mastery", "80", "--out", zip], "--mastery 80 is not a share between 0 and 1"),
        (vec!["--lab", "first-handler", "--per-chapter", "--out", zip], "--per-chapter makes one SCO of each chapter"),
    ] {
        let out = export(scratch.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("Compiling the lab runtime"), "{args:?} compiled first: {stderr}");
    }
    assert!(!Path::new(zip).exists());
}
