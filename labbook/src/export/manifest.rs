//! `imsmanifest.xml`: the package's table of contents for the LMS, in SCORM 1.2's or SCORM
//! 2004 4th Edition's dialect of IMS Content Packaging.
//!
//! One organization; each lab or quiz is an item pointing at its own SCO resource (its page),
//! grouped under an item per chapter when the export was of chapters or the whole course. Every
//! SCO depends on one shared `asset` resource listing the theme and runtime files, so the LMS
//! knows the package's every file without repeating the list per SCO. The XML is written by
//! hand: it is small and fixed, and `tests/export.rs` validates it against ADL's XSDs.

use super::{Group, Scorm};

/// Identifier of the shared resource every SCO depends on.
const SHARED: &str = "labbook-runtime";

/// The manifest for `groups` (a group without a title is a flat list of SCOs). `shared_files`
/// are the package paths of the files every SCO needs.
pub fn manifest(version: Scorm, identifier: &str, title: &str, groups: &[Group], shared_files: &[String]) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        Scorm::V12 => {
            x.push_str(&format!(
                "<manifest identifier=\"{}\" version=\"1.0\"\n  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n  \
                 xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n  \
                 xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n  \
                 xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
                 http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n",
                attr(identifier)
            ));
            x.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n");
        }
        Scorm::V2004 => {
            x.push_str(&format!(
                "<manifest identifier=\"{}\" version=\"1\"\n  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n  \
                 xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n  \
                 xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n  \
                 xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n  \
                 xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n  \
                 xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n  \
                 xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd \
                 http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\">\n",
                attr(identifier)
            ));
            x.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n  </metadata>\n");
        }
    }
    x.push_str("  <organizations default=\"labbook-org\">\n    <organization identifier=\"labbook-org\">\n");
    x.push_str(&format!("      <title>{}</title>\n", text(title)));
    for (g, group) in groups.iter().enumerate() {
        let indent = if group.title.is_some() { "        " } else { "      " };
        if let Some(t) = &group.title {
            x.push_str(&format!("      <item identifier=\"group-{}\">\n        <title>{}</title>\n", g + 1, text(t)));
        }
        for sco in &group.scos {
            x.push_str(&format!(
                "{indent}<item identifier=\"item-{id}\" identifierref=\"res-{id}\">\n{indent}  <title>{}</title>\n{indent}</item>\n",
                text(&sco.title),
                id = sco.key()
            ));
        }
        if group.title.is_some() {
            x.push_str("      </item>\n");
        }
    }
    x.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    let scorm_type = match version {
        Scorm::V12 => "adlcp:scormtype",
        Scorm::V2004 => "adlcp:scormType",
    };
    for sco in groups.iter().flat_map(|g| &g.scos) {
        x.push_str(&format!(
            "    <resource identifier=\"res-{id}\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{href}\">\n      \
             <file href=\"{href}\"/>\n      <dependency identifierref=\"{SHARED}\"/>\n    </resource>\n",
            id = sco.key(),
            href = attr(&sco.page)
        ));
    }
    x.push_str(&format!("    <resource identifier=\"{SHARED}\" type=\"webcontent\" {scorm_type}=\"asset\">\n"));
    for f in shared_files {
        x.push_str(&format!("      <file href=\"{}\"/>\n", attr(f)));
    }
    x.push_str("    </resource>\n  </resources>\n</manifest>\n");
    x
}

/// Text content, escaped.
fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An attribute value (double-quoted), escaped.
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Sco, Unit};

    fn groups() -> Vec<Group> {
        vec![Group {
            title: Some("Chapter <1> & more".into()),
            scos: vec![Sco { unit: Unit::Lab("first-handler".into()), title: "Lab: \"Hi\"".into(), page: "sco/lab-first-handler.html".into() }],
        }]
    }

    #[test]
    fn scorm12_names_its_schemas_and_escapes_titles() {
        let xml = manifest(Scorm::V12, "labbook-x", "A & B", &groups(), &["labbook/labbook.js".into()]);
        assert!(xml.contains("<schemaversion>1.2</schemaversion>"), "{xml}");
        assert!(xml.contains("adlcp:scormtype=\"sco\" href=\"sco/lab-first-handler.html\""), "{xml}");
        assert!(xml.contains("<title>Chapter &lt;1&gt; &amp; more</title>"), "{xml}");
        assert!(xml.contains("<title>Lab: \"Hi\"</title>"), "{xml}");
        assert!(xml.contains("<file href=\"labbook/labbook.js\"/>"), "{xml}");
        assert!(xml.contains("<dependency identifierref=\"labbook-runtime\"/>"), "{xml}");
    }

    #[test]
    fn scorm2004_uses_its_namespaces_and_camel_case_scorm_type() {
        let xml = manifest(Scorm::V2004, "labbook-x", "T", &groups(), &[]);
        assert!(xml.contains("<schemaversion>2004 4th Edition</schemaversion>"), "{xml}");
        assert!(xml.contains("xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\""), "{xml}");
        assert!(xml.contains("adlcp:scormType=\"sco\""), "{xml}");
        assert!(!xml.contains("scormtype"), "{xml}");
    }
}
