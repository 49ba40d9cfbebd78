//! Function and layer code: real ZIP archives (read with the `zip` crate), their SHA-256 as
//! Lambda reports it (`CodeSha256`, base64), and Lambda's size limits.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::errors::invalid_parameter;
use crate::AwsError;
use crate::wire::as_bytes;

/// The largest ZIP a request may carry inline (50 MB zipped, as base64 in the request).
const MAX_REQUEST_BYTES: usize = 69_905_067;
/// The largest unzipped size of a function with its layers (250 MB).
pub(crate) const MAX_UNZIPPED_BYTES: u64 = 262_144_000;

/// The files of a ZIP by path (directories skipped, a leading `/` dropped, entries that would
/// escape the folder with `..` ignored), or why it is not a ZIP.
pub fn zip_files(zip: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).map_err(|e| e.to_string())?;
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| e.to_string())?.trim_start_matches('/').to_owned();
        if name.split('/').any(|part| part == "..") {
            continue;
        }
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
        files.insert(name, data);
    }
    Ok(files)
}

/// A deflated ZIP of `files` (path, contents), for tests and for tools that package code.
pub fn make_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(data).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

/// `CodeSha256`: base64 of the SHA-256 of the ZIP.
pub(crate) fn sha256_b64(data: &[u8]) -> String {
    STANDARD.encode(Sha256::digest(data))
}

/// The unzipped size of a ZIP (0 if unreadable: checked before).
pub(crate) fn unzipped_size(zip: &[u8]) -> u64 {
    zip::ZipArchive::new(Cursor::new(zip))
        .map(|mut a| (0..a.len()).filter_map(|i| a.by_index(i).ok().map(|e| e.size())).sum())
        .unwrap_or(0)
}

/// The ZIP of a `Code`/`Content` structure (or of UpdateFunctionCode's top-level members),
/// checked: present, a real ZIP, within Lambda's limits. `operation` names the request in the
/// size error as Lambda does.
pub(crate) fn read_zip(code: &Value, operation: &str) -> Result<Vec<u8>, AwsError> {
    if code.get("ImageUri").is_some_and(|v| !v.is_null()) {
        return Err(invalid_parameter("Please don't provide ImageUri when the intended function PackageType is Zip."));
    }
    let zip = match code.get("ZipFile").filter(|v| !v.is_null()) {
        Some(v) => as_bytes(v).ok_or_else(|| invalid_parameter("Could not unzip uploaded file. Please check your file, then try to upload again."))?,
        None if code.get("S3Bucket").is_some_and(|v| !v.is_null()) => {
            return Err(AwsError::new(
                "NotImplemented",
                "labbook's mock Lambda takes code as a ZIP in the request (ZipFile, `--zip-file fileb://function.zip`), not from S3",
                501,
            ));
        }
        None => return Err(invalid_parameter("Please provide a source for function code.")),
    };
    if zip.len() * 4 / 3 > MAX_REQUEST_BYTES {
        return Err(AwsError::new(
            "RequestEntityTooLargeException",
            format!("Request must be smaller than {MAX_REQUEST_BYTES} bytes for the {operation} operation"),
            413,
        ));
    }
    // The sizes the archive declares are checked before anything is inflated (a small ZIP can
    // claim gigabytes); reading every entry then proves it is a ZIP Lambda can unpack.
    let unreadable = || invalid_parameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
    zip::ZipArchive::new(Cursor::new(zip.as_slice())).map_err(|_| unreadable())?;
    if unzipped_size(&zip) > MAX_UNZIPPED_BYTES {
        return Err(invalid_parameter(format!("Unzipped size must be smaller than {MAX_UNZIPPED_BYTES} bytes")));
    }
    zip_files(&zip).map_err(|_| unreadable())?;
    Ok(zip)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::wire::bytes;

    #[test]
    fn a_zip_round_trips_with_directories_skipped() {
        let zip = make_zip(&[("lambda_function.py", b"def h(e, c): pass\n"), ("pkg/", b""), ("pkg/mod.py", b"x = 1\n")]);
        let files = zip_files(&zip).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["lambda_function.py", "pkg/mod.py"]);
        assert_eq!(files["pkg/mod.py"], b"x = 1\n");
        assert_eq!(read_zip(&json!({"ZipFile": bytes(&zip)}), "CreateFunction").unwrap(), zip);
    }

    #[test]
    fn what_is_not_a_zip_is_refused_as_lambda_refuses_it() {
        let e = read_zip(&json!({"ZipFile": bytes(b"def handler(e, c): pass")}), "CreateFunction").unwrap_err();
        assert_eq!(e.code, "InvalidParameterValueException");
        assert_eq!(e.message, "Could not unzip uploaded file. Please check your file, then try to upload again.");
        assert_eq!(read_zip(&json!({}), "CreateFunction").unwrap_err().message, "Please provide a source for function code.");
    }

    #[test]
    fn code_sha256_is_base64_of_the_digest() {
        // sha256("") = e3b0c442...; base64 of it:
        assert_eq!(sha256_b64(b""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }
}
